package dev.realtime.system;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** {@code GET /api/health}: answers once the server takes requests, for scripts and load balancers. */
@Configuration(proxyBeanMethods = false)
class HealthRoutes {

    @Bean
    RouterFunction<ServerResponse> healthRoute() {
        return RouterFunctions.route()
                .GET("/api/health", request -> ServerResponse.ok().bodyValue(Map.of("status", "UP")))
                .build();
    }
}
