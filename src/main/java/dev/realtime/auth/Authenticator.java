package dev.realtime.auth;

import dev.realtime.system.Blocking;
import dev.realtime.system.Times;
import dev.realtime.users.CurrentUser;
import dev.realtime.users.User;
import dev.realtime.users.TokenVersions;
import dev.realtime.users.UserRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Turns a bearer token into the user it stands for. A user known only to the external identity provider gets a
 * row of ours the first time one of its tokens is seen (no password: it cannot log in here), so chats can
 * reference it like any other user. One of this server's tokens is refused once its user's token version has been
 * raised past the one it carries (a logout from every device); an external provider's token carries none, so it
 * stays the provider's business.
 */
@Component
public class Authenticator {

    private static final int KNOWN_CACHE_LIMIT = 100_000;
    // How long a node trusts what it read of a user without reading it again: a raised token version reaches every
    // node at once through the cluster, and this bounds how long a node that missed that word keeps the old one.
    private static final long KNOWN_TTL_NANOS = Duration.ofSeconds(30).toNanos();

    /** A subject known to have a user row, with its token version, until a time of System.nanoTime(). */
    private record Known(int tokenVersion, long until) {
    }

    private final TokenService tokens;
    private final UserRepository users;
    private final TokenVersions versions;
    private final Blocking blocking;
    // Subjects known to have a user row, so only a subject's first request in a while on this node reads the table.
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    // The warm-up's loopback client: a random subject without a user row, accepted only while the warm-up runs.
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();

    Authenticator(TokenService tokens, UserRepository users, TokenVersions versions, Blocking blocking) {
        this.tokens = tokens;
        this.users = users;
        this.versions = versions;
        this.blocking = blocking;
    }

    /**
     * Verifies the token and resolves its user, with the token's expiry; fails with a JwtException when the token is
     * not acceptable.
     */
    public Mono<Authenticated> authenticate(String token) {
        return tokens.decode(token)
                .flatMap(jwt -> resolve(jwt).map(user -> new Authenticated(user, jwt.getExpiresAt())));
    }

    /**
     * Accepts this server's tokens for the subject without a user row until {@link #dismiss}: for the warm-up's
     * loopback client, whose random subject nobody else can hold a signed token for.
     */
    public void admit(String subject) {
        admitted.add(subject);
    }

    public void dismiss(String subject) {
        admitted.remove(subject);
    }

    /** Whether the subject is the warm-up's, admitted by {@link #admit}: exempt from the limits users have. */
    public boolean isAdmitted(String subject) {
        return admitted.contains(subject);
    }

    /**
     * The user's token version is now at least {@code version} (raised here, or on another node): this node refuses
     * older tokens of the user from now on, without waiting to read it again.
     */
    public void tokenVersionRaised(String subject, int version) {
        remember(subject, version);
    }

    Mono<CurrentUser> resolve(Jwt jwt) {
        String subject = jwt.getSubject();
        if (subject == null || subject.isEmpty() || subject.length() > User.MAX_ID) {
            return Mono.error(new BadJwtException("token subject missing or too long"));
        }
        boolean own = tokens.isOwn(jwt);
        if (own && admitted.contains(subject)) {
            return Mono.just(new CurrentUser(subject));
        }
        Known cached = known.get(subject);
        if (cached != null && System.nanoTime() - cached.until() < 0) {
            return Mono.fromCallable(() -> accept(jwt, own, subject, cached.tokenVersion()));
        }
        return blocking.call(() -> {
            Optional<Integer> version = versions.find(subject);
            if (version.isEmpty()) {
                // One of our tokens names a user that is not (or no longer) there: as unauthenticated as a bad
                // signature (401), not a request by somebody whose resources are missing (404).
                if (own) {
                    throw new BadJwtException("the token's user does not exist");
                }
                provision(subject, jwt.getClaimAsString("preferred_username"), jwt.getClaimAsString("name"));
            }
            return accept(jwt, own, subject, remember(subject, version.orElse(0)));
        });
    }

    private CurrentUser accept(Jwt jwt, boolean own, String subject, int currentVersion) {
        if (own && tokens.tokenVersion(jwt) < currentVersion) {
            throw refuseRevoked();
        }
        return new CurrentUser(subject);
    }

    private static BadJwtException refuseRevoked() {
        return new BadJwtException("token revoked: its user logged out from every device since it was issued");
    }

    /**
     * Versions only go up: a read that started before a raise and ends after it must not put the older version
     * back. Returns the version now remembered.
     */
    private int remember(String subject, int version) {
        if (known.size() >= KNOWN_CACHE_LIMIT) {
            known.clear();
        }
        Known fresh = new Known(version, System.nanoTime() + KNOWN_TTL_NANOS);
        return known.merge(subject, fresh, (old, now) -> new Known(Math.max(old.tokenVersion(), now.tokenVersion()),
                now.until())).tokenVersion();
    }

    private void provision(String subject, String preferredUsername, String name) {
        OffsetDateTime now = Times.now();
        String fallback = "ext-" + digest(subject);
        String username = User.isValidUsername(preferredUsername)
                ? preferredUsername : fallback;
        String display = name != null && !name.isBlank() && name.length() <= User.MAX_DISPLAY_NAME ? name : username;
        if (!users.insert(new User(subject, username, display, now), null) && users.findById(subject).isEmpty()) {
            // The provider's username is taken by someone else here: fall back to one derived from the subject.
            users.insert(new User(subject, fallback, display, now), null);
        }
    }

    private static String digest(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
