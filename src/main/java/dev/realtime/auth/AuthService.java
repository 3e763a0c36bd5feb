package dev.realtime.auth;

import dev.realtime.system.ApiException;
import dev.realtime.system.Blocking;
import dev.realtime.system.ErrorCode;
import dev.realtime.system.LimitsProperties;
import dev.realtime.system.RateLimiter;
import dev.realtime.system.TextRules;
import dev.realtime.system.Times;
import dev.realtime.users.User;
import dev.realtime.users.TokenVersions;
import dev.realtime.users.UserRepository;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Registration, login and logout from every device. Hashing runs on {@link PasswordHashing}'s own bounded executor, and each client address
 * has a budget of failed attempts, since each attempt costs a hash whether or not the user exists.
 */
@Service
class AuthService {

    private static final int MIN_PASSWORD = 8;
    private static final int MAX_PASSWORD_BYTES = 72;

    private final UserRepository users;
    private final PasswordHashing passwords;
    private final TokenService tokens;
    private final TokenVersions versions;
    private final Authenticator authenticator;
    private final ApplicationEventPublisher events;
    private final Blocking blocking;
    // Failures per client address: a flood of wrong logins from one client stops costing hashes.
    // Failed password attempts per client address: a token per attempt, given back when it succeeds.
    private final RateLimiter clientFailures;
    // Slows password guessing per username, from each address apart, so a stranger cannot lock the owner out.
    private final RateLimiter loginAttempts;

    AuthService(UserRepository users, PasswordHashing passwords, TokenService tokens, TokenVersions versions,
                Authenticator authenticator, ApplicationEventPublisher events, Blocking blocking,
                LimitsProperties limits) {
        this.users = users;
        this.passwords = passwords;
        this.tokens = tokens;
        this.versions = versions;
        this.authenticator = authenticator;
        this.events = events;
        this.blocking = blocking;
        this.clientFailures = new RateLimiter(limits.authFailuresPerSecond(), limits.authFailureBurst());
        this.loginAttempts = new RateLimiter(limits.loginAttemptsPerSecond(), limits.loginAttemptBurst());
    }

    /** Registers a user; {@code client} is the caller's address (see {@link ClientAddress}). */
    Mono<User> register(String username, String password, String displayName, String client) {
        validateUsername(username);
        validatePassword(password);
        String shown = TextRules.displayText("displayName", displayName, User.MAX_DISPLAY_NAME);
        String display = shown != null ? shown : username;
        requireClientBudget(client);
        return passwords.encode(password).flatMap(hash -> blocking.call(() -> {
            User user = new User(UUID.randomUUID().toString(), username, display, Times.now());
            if (!users.insert(user, hash)) {
                throw new ApiException(ErrorCode.CONFLICT, "username: already taken");
            }
            return user;
        })).doOnNext(user -> clientFailures.giveBack(client));
    }

    /** Checks a password; {@code client} is the caller's address (see {@link ClientAddress}). */
    Mono<User> login(String username, String password, String client) {
        // A name longer than any stored one cannot match: refused before it costs a rate-limit entry or a hash.
        if (username == null || password == null || username.length() > User.MAX_USERNAME) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "invalid username or password");
        }
        if (!loginAttempts.tryAcquire(username.toLowerCase(Locale.ROOT) + " " + client)) {
            throw new ApiException(ErrorCode.RATE_LIMITED, "too many login attempts, retry later");
        }
        requireClientBudget(client);
        return blocking.call(() -> users.findCredentials(username))
                .flatMap(found -> passwords.matches(password, found.map(UserRepository.Credentials::passwordHash)
                                .orElse(null))
                        .map(matches -> {
                            if (!matches) {
                                throw new ApiException(ErrorCode.UNAUTHORIZED, "invalid username or password");
                            }
                            return found.get().user();
                        }))
                .doOnNext(user -> clientFailures.giveBack(client));
    }

    /** A token for the user at its current token version. */
    Mono<String> token(User user) {
        return blocking.call(() -> versions.find(user.id()).orElse(0)).map(version -> tokens.issue(user.id(), version));
    }

    /**
     * Logs the user out from every device: the user's tokens issued so far are refused from now on, on every node
     * (this one at once, the others when they hear {@link AuthEvents.TokensRevoked}), and the user's sockets are
     * disconnected by whoever listens to that event.
     */
    Mono<Void> logoutAll(String userId) {
        return blocking.call(() -> versions.raise(userId)
                        .orElseThrow(() -> new ApiException(ErrorCode.UNAUTHORIZED, "the token's user does not exist")))
                .doOnNext(version -> {
                    authenticator.tokenVersionRaised(userId, version);
                    events.publishEvent(new AuthEvents.TokensRevoked(userId, version));
                })
                .then();
    }

    private void requireClientBudget(String client) {
        if (!clientFailures.tryAcquire(client)) {
            throw new ApiException(ErrorCode.RATE_LIMITED, "too many failed login or register attempts from this "
                    + "address, retry later");
        }
    }

    private static void validateUsername(String username) {
        if (!User.isValidUsername(username)) {
            throw ApiException.invalid("username", User.USERNAME_RULE);
        }
    }

    private static void validatePassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw ApiException.invalid("password", "at least " + MIN_PASSWORD + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw ApiException.invalid("password", "at most " + MAX_PASSWORD_BYTES + " bytes");
        }
    }
}
