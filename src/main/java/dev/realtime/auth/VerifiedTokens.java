package dev.realtime.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Tokens verified a moment ago, so a client that reconnects or opens several sockets with one token (every tab, a
 * reconnect storm after a deploy) costs one signature check and one claims parse, not one per connection. A token
 * is kept for at most {@code ttl} and never past its own expiry; keys are SHA-256 digests, so a cache of
 * {@code limit} entries stays small whatever the tokens' size. Full: emptied, as the known-users cache is.
 */
final class VerifiedTokens {

    private record Entry(Jwt jwt, Instant until) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final int limit;
    private final Clock clock;

    VerifiedTokens(Duration ttl, int limit, Clock clock) {
        this.ttl = ttl;
        this.limit = limit;
        this.clock = clock;
    }

    /** The verified token, if this exact token was verified within the ttl and has not expired since. */
    Optional<Jwt> find(String token) {
        String key = digest(token);
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.until())) {
            entries.remove(key, entry);
            return Optional.empty();
        }
        return Optional.of(entry.jwt());
    }

    void put(String token, Jwt jwt) {
        Instant until = clock.instant().plus(ttl);
        if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isBefore(until)) {
            until = jwt.getExpiresAt();
        }
        if (entries.size() >= limit) {
            entries.clear();
        }
        entries.put(digest(token), new Entry(jwt, until));
    }

    private static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
