package dev.realtime.system;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code GET /api/health}: 200 once the server takes requests and has warmed up, 503 {@code STARTING} before and
 * {@code DRAINING} while it shuts down, for scripts and load balancers.
 */
@Configuration(proxyBeanMethods = false)
class HealthRoutes {

    @Bean
    RouterFunction<ServerResponse> healthRoute(Readiness readiness) {
        return RouterFunctions.route()
                .GET("/api/health", request -> readiness.isReady()
                        ? ServerResponse.ok().bodyValue(Map.of("status", "UP"))
                        : ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE).bodyValue(
                                Map.of("status", readiness.isDraining() ? "DRAINING" : "STARTING")))
                .build();
    }
}
