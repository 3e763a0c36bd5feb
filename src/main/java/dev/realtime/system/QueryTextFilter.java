package dev.realtime.system;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Query parameter values pass {@link TextRules} before any handler reads them, so a NUL in {@code ?userIds=}
 * is a 400 naming the parameter rather than a database error. Parameter names and paths are refused earlier by
 * Spring Security's firewall. Runs after authentication (lowest precedence), so strangers still get 401 first.
 */
@Component
class QueryTextFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        for (Map.Entry<String, List<String>> parameter : exchange.getRequest().getQueryParams().entrySet()) {
            for (String value : parameter.getValue()) {
                String problem = value == null ? null : TextRules.unstorable(value);
                if (problem != null) {
                    return Mono.error(ApiException.invalid(parameter.getKey(), problem));
                }
            }
        }
        return chain.filter(exchange);
    }
}
