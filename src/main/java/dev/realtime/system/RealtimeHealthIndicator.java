package dev.realtime.system;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health {@code realtime}, part of readiness: UP while {@link Readiness} says the server takes traffic,
 * OUT_OF_SERVICE before (and whenever it says so again). Asked at each request, never cached, so readiness follows
 * {@link Readiness} however and whenever it changes, with no event to publish or miss.
 */
@Component
class RealtimeHealthIndicator implements HealthIndicator {

    private final Readiness readiness;

    RealtimeHealthIndicator(Readiness readiness) {
        this.readiness = readiness;
    }

    @Override
    public Health health() {
        return readiness.isReady()
                ? Health.up().build()
                : Health.outOfService().withDetail("state", readiness.isDraining() ? "DRAINING" : "STARTING").build();
    }
}
