package dev.realtime.system;

import dev.realtime.engineio.netty.NextTurn;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Runs every REST request in a task of its own on its connection's event loop, ahead of every other filter, so that
 * no answer ends within the call that handed the request over: a keep-alive connection would stop being read after
 * such an answer to a request that waited behind a slower one ({@link NextTurn} says why).
 */
@Component
class NextTurnFilter implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest()) instanceof HttpServerRequest request) {
            return NextTurn.answer(request, () -> chain.filter(exchange));
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
