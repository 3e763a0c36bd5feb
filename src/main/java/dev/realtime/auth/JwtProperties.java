package dev.realtime.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code realtime.jwt.*}: the tokens this server issues.
 *
 * @param secret HS256 key, at least 32 bytes; when unset a random one is made at start (tokens then die with the
 *               process and are not accepted by other nodes)
 * @param ttl    how long an issued token is valid
 * @param issuer the {@code iss} claim of issued tokens, which tells them from an external provider's
 */
@ConfigurationProperties("realtime.jwt")
public record JwtProperties(String secret, @DefaultValue("24h") Duration ttl, @DefaultValue("realtime") String issuer) {
}
