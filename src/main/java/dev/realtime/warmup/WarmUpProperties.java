package dev.realtime.warmup;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code realtime.warmup.*}.
 *
 * @param duration    how long the server drives traffic through itself after the port opens, before it reports
 *                    ready; 0 skips the warm-up
 * @param connections the loopback Socket.IO connections it uses
 */
@ConfigurationProperties("realtime.warmup")
public record WarmUpProperties(@DefaultValue("10s") Duration duration, @DefaultValue("32") int connections) {

    public WarmUpProperties {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("realtime.warmup.duration must not be negative");
        }
        if (connections < 1 || connections > 1000) {
            throw new IllegalArgumentException("realtime.warmup.connections must be within 1..1000");
        }
    }
}
