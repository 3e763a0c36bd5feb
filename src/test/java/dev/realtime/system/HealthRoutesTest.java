package dev.realtime.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.test.web.reactive.server.WebTestClient;

class HealthRoutesTest {

    private final Readiness readiness = new Readiness(
            new Binder().bindOrCreate("realtime.socketio", SocketIoProperties.class));
    private final WebTestClient client = WebTestClient.bindToRouterFunction(new HealthRoutes().healthRoute(readiness))
            .build();

    @Test
    void health_beforeReady_503Starting() {
        client.get().uri("/api/health").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.status").isEqualTo("STARTING");
    }

    @Test
    void health_onceReady_200Up() {
        readiness.ready(8080);

        client.get().uri("/api/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void health_draining_503DrainingAndNotReady() {
        readiness.ready(8080);

        readiness.drain();

        assertThat(readiness.isReady()).isFalse();
        client.get().uri("/api/health").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.status").isEqualTo("DRAINING");
    }

    @Test
    void health_drainedThenStartedAgain_200Up() {
        readiness.ready(8080);
        readiness.drain();

        readiness.resume();

        client.get().uri("/api/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }
}
