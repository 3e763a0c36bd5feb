package dev.realtime.cluster;

import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/**
 * Health {@code redis} in redis mode, part of readiness: DOWN while the node's own link to Redis is not up (it is
 * then cut off from the other nodes), otherwise a PING on that link answered within {@code timeout}, so a link
 * that looks open but no longer carries anything is DOWN too. Never waits longer than {@code timeout}, never
 * blocks a thread. Spring Boot's own Redis check is not used: it would open a client of its own.
 */
final class RedisHealthIndicator implements ReactiveHealthIndicator {

    private final RedisNode node;
    private final Duration timeout;

    RedisHealthIndicator(RedisNode node, Duration timeout) {
        this.node = node;
        this.timeout = timeout;
    }

    @Override
    public Mono<Health> health() {
        if (!node.isConnected()) {
            return Mono.just(Health.down().withDetail("link", "down").build());
        }
        return Mono.fromFuture(() -> node.state(commands -> commands.ping()))
                .timeout(timeout)
                .map(pong -> Health.up().withDetail("link", "up").build())
                .onErrorResume(error -> Mono.just(Health.down().withDetail("link", "up")
                        .withDetail("ping", "no answer within " + timeout.toMillis() + " ms").build()));
    }
}
