package dev.realtime.auth;

import dev.realtime.users.CurrentUser;
import java.time.Instant;

/**
 * What a verified bearer token stands for.
 *
 * @param user      the user it names, who exists
 * @param expiresAt its {@code exp} claim, or null when it has none (then it does not expire)
 */
public record Authenticated(CurrentUser user, Instant expiresAt) {
}
