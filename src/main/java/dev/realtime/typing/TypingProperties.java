package dev.realtime.typing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code realtime.typing.*}.
 *
 * @param timeout how long "typing" lasts without a refresh before the server stops it by itself
 */
@ConfigurationProperties("realtime.typing")
public record TypingProperties(@DefaultValue("6s") Duration timeout) {
}
