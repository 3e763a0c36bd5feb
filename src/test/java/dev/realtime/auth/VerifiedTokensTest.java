package dev.realtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class VerifiedTokensTest {

    private static final Instant START = Instant.parse("2026-11-30T12:00:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(START);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    private final VerifiedTokens tokens = new VerifiedTokens(Duration.ofSeconds(30), 3, clock);

    @Test
    void find_sameTokenWithinTtl_theVerifiedJwt() {
        Jwt jwt = jwt("alice", START.plusSeconds(3600));
        tokens.put("token-a", jwt);

        now.set(START.plusSeconds(29));

        assertThat(tokens.find("token-a")).contains(jwt);
        assertThat(tokens.find("token-b")).isEmpty();
    }

    @Test
    void find_afterTtl_emptySoItIsVerifiedAgain() {
        tokens.put("token-a", jwt("alice", START.plusSeconds(3600)));

        now.set(START.plusSeconds(30));

        assertThat(tokens.find("token-a")).isEmpty();
    }

    @Test
    void find_tokenExpiringWithinTtl_emptyFromItsExpiry() {
        tokens.put("token-a", jwt("alice", START.plusSeconds(5)));

        now.set(START.plusSeconds(4));
        boolean beforeExpiry = tokens.find("token-a").isPresent();
        now.set(START.plusSeconds(5));

        assertThat(beforeExpiry).isTrue();
        assertThat(tokens.find("token-a")).isEmpty();
    }

    @Test
    void put_whenFull_startsOverSoItStaysBounded() {
        tokens.put("token-a", jwt("a", null));
        tokens.put("token-b", jwt("b", null));
        tokens.put("token-c", jwt("c", null));

        tokens.put("token-d", jwt("d", null));

        assertThat(tokens.find("token-a")).isEmpty();
        assertThat(tokens.find("token-d")).isPresent();
    }

    private static Jwt jwt(String subject, Instant expiresAt) {
        Jwt.Builder builder = Jwt.withTokenValue("t-" + subject).header("alg", "HS256").subject(subject)
                .issuedAt(START.minusSeconds(1));
        if (expiresAt != null) {
            builder.expiresAt(expiresAt);
        }
        return builder.build();
    }
}
