package dev.realtime.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.contributor.Status;

class RealtimeHealthIndicatorTest {

    private final Readiness readiness = new Readiness(
            new Binder().bindOrCreate("realtime.socketio", SocketIoProperties.class));
    private final RealtimeHealthIndicator indicator = new RealtimeHealthIndicator(readiness);

    @Test
    void health_beforeWarmUp_outOfService() {
        assertThat(indicator.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(indicator.health().getDetails()).containsEntry("state", "STARTING");
    }

    @Test
    void health_onceReady_upAtTheNextAsk() {
        indicator.health();

        readiness.ready(8080);

        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
    }
}
