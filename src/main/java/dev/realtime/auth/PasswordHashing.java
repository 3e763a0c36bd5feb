package dev.realtime.auth;

import dev.realtime.system.Blocking;
import dev.realtime.system.LimitsProperties;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Password hashing on an executor of its own. BCrypt costs tens of milliseconds of CPU by design, so hashing
 * shares neither the event loops nor the JDBC threads: at most {@code realtime.limits.hashing-threads} hashes run
 * at once and {@code hashing-queue} wait; one more is refused at once (429), so a flood of logins leaves the other
 * cores to everyone else instead of slowing every request.
 */
@Component
class PasswordHashing implements AutoCloseable {

    private final PasswordEncoder encoder;
    private final Blocking executor;
    private final String unknownUserHash;

    PasswordHashing(PasswordEncoder encoder, LimitsProperties limits) {
        this.encoder = encoder;
        this.executor = new Blocking(limits.hashingThreads(), limits.hashingQueue());
        this.unknownUserHash = encoder.encode("timing-equaliser-" + UUID.randomUUID());
    }

    Mono<String> encode(String password) {
        return executor.call(() -> encoder.encode(password));
    }

    /**
     * Whether the password matches the hash. A null hash (no such user) is compared with a hash of no password,
     * so the answer takes as long and the response time does not tell which usernames exist.
     */
    Mono<Boolean> matches(String password, String hash) {
        return executor.call(() -> encoder.matches(password, hash != null ? hash : unknownUserHash) && hash != null);
    }

    @Override
    public void close() {
        executor.close();
    }
}
