package dev.realtime.shutdown;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code realtime.shutdown.*}.
 *
 * @param timeout how long a stop (SIGTERM) may take in all: the drain, then closing the web server and the database
 */
@ConfigurationProperties("realtime.shutdown")
public record ShutdownProperties(@DefaultValue("30s") Duration timeout) {

    public ShutdownProperties {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("realtime.shutdown.timeout must be positive");
        }
    }
}
