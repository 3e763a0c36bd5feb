package dev.realtime.auth;

import dev.realtime.system.Blocking;
import dev.realtime.system.Times;
import dev.realtime.users.CurrentUser;
import dev.realtime.users.User;
import dev.realtime.users.UserRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Turns a bearer token into the user it stands for. A user known only to the external identity provider gets a
 * row of ours the first time one of its tokens is seen (no password: it cannot log in here), so chats can
 * reference it like any other user.
 */
@Component
public class Authenticator {

    private static final int KNOWN_CACHE_LIMIT = 100_000;

    private final TokenService tokens;
    private final UserRepository users;
    private final Blocking blocking;
    // Subjects known to have a user row, so only a subject's first request on this node reads the users table.
    private final Map<String, Boolean> known = new ConcurrentHashMap<>();
    // The warm-up's loopback client: a random subject without a user row, accepted only while the warm-up runs.
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();

    Authenticator(TokenService tokens, UserRepository users, Blocking blocking) {
        this.tokens = tokens;
        this.users = users;
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

    Mono<CurrentUser> resolve(Jwt jwt) {
        String subject = jwt.getSubject();
        if (subject == null || subject.isEmpty() || subject.length() > User.MAX_ID) {
            return Mono.error(new BadJwtException("token subject missing or too long"));
        }
        if (known.containsKey(subject) || (admitted.contains(subject) && tokens.isOwn(jwt))) {
            return Mono.just(new CurrentUser(subject));
        }
        boolean own = tokens.isOwn(jwt);
        return blocking.call(() -> {
            if (users.findById(subject).isEmpty()) {
                // One of our tokens names a user that is not (or no longer) there: as unauthenticated as a bad
                // signature (401), not a request by somebody whose resources are missing (404).
                if (own) {
                    throw new BadJwtException("the token's user does not exist");
                }
                provision(subject, jwt.getClaimAsString("preferred_username"), jwt.getClaimAsString("name"));
            }
            if (known.size() >= KNOWN_CACHE_LIMIT) {
                known.clear();
            }
            known.put(subject, Boolean.TRUE);
            return new CurrentUser(subject);
        });
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
