package dev.realtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtime.system.Blocking;
import dev.realtime.users.CurrentUser;
import dev.realtime.users.TokenVersions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;

/** This server's own tokens only: the user repository, used to provision external users, is never reached. */
class AuthenticatorTest {

    private static final String SECRET = "authenticator-test-secret-0123456789abc";
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** Token versions in memory, counting reads so a test can tell a cached answer from a fresh one. */
    private static final class MemoryTokenVersions implements TokenVersions {
        final Map<String, Integer> versions = new ConcurrentHashMap<>();
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public Optional<Integer> find(String userId) {
            reads.incrementAndGet();
            return Optional.ofNullable(versions.get(userId));
        }

        @Override
        public Optional<Integer> raise(String userId) {
            return Optional.ofNullable(versions.computeIfPresent(userId, (id, version) -> version + 1));
        }
    }

    private final TokenService tokens = new TokenService(new JwtProperties(SECRET, Duration.ofHours(1), "realtime"),
            null);
    private final MemoryTokenVersions versions = new MemoryTokenVersions();
    private final Blocking blocking = new Blocking(1, 10);
    private final Authenticator authenticator = new Authenticator(tokens, null, versions, blocking);

    @AfterEach
    void close() {
        blocking.close();
    }

    @Test
    void authenticate_tokenAtTheUsersVersion_accepted() {
        versions.versions.put("alice", 2);

        Authenticated verified = authenticator.authenticate(tokens.issue("alice", 2)).block(WAIT);

        assertThat(verified.user()).isEqualTo(new CurrentUser("alice"));
    }

    @Test
    void authenticate_tokenOlderThanTheUsersVersion_refused() {
        versions.versions.put("alice", 3);

        assertThatThrownBy(() -> authenticator.authenticate(tokens.issue("alice", 2)).block(WAIT))
                .isInstanceOf(BadJwtException.class).hasMessageContaining("revoked");
    }

    @Test
    void authenticate_tokenWithoutVersionClaim_takenAsVersionZero() {
        versions.versions.put("alice", 0);
        String unversioned = tokens.issue("alice");
        authenticator.authenticate(unversioned).block(WAIT);
        versions.raise("alice");

        authenticator.tokenVersionRaised("alice", 1);

        assertThatThrownBy(() -> authenticator.authenticate(unversioned).block(WAIT))
                .isInstanceOf(BadJwtException.class);
    }

    @Test
    void tokenVersionRaised_userCached_oldTokenRefusedAtOnceNewOneAcceptedWithoutReading() {
        versions.versions.put("alice", 0);
        String old = tokens.issue("alice", 0);
        authenticator.authenticate(old).block(WAIT);
        int readsBefore = versions.reads.get();

        authenticator.tokenVersionRaised("alice", 1);

        assertThatThrownBy(() -> authenticator.authenticate(old).block(WAIT)).isInstanceOf(BadJwtException.class);
        assertThat(authenticator.authenticate(tokens.issue("alice", 1)).block(WAIT).user().id()).isEqualTo("alice");
        assertThat(versions.reads.get()).as("answered from the cache").isEqualTo(readsBefore);
    }

    @Test
    void tokenVersionRaised_thenAnOlderVersionAnnounced_theHigherOneKept() {
        versions.versions.put("alice", 0);
        authenticator.authenticate(tokens.issue("alice", 0)).block(WAIT);

        authenticator.tokenVersionRaised("alice", 2);
        authenticator.tokenVersionRaised("alice", 1);

        assertThatThrownBy(() -> authenticator.authenticate(tokens.issue("alice", 1)).block(WAIT))
                .isInstanceOf(BadJwtException.class);
    }

    @Test
    void authenticate_ownTokenOfAUserThatDoesNotExist_refused() {
        assertThatThrownBy(() -> authenticator.authenticate(tokens.issue("nobody", 0)).block(WAIT))
                .isInstanceOf(BadJwtException.class).hasMessageContaining("does not exist");
    }
}
