package dev.realtime.users;

import java.time.OffsetDateTime;
import java.util.regex.Pattern;

/**
 * A user as the API shows it. The password hash never leaves the repository. Also the one place that says what a
 * valid username and display name are, whoever makes the user: registration, or the first token of a user the
 * external identity provider knows.
 */
public record User(String id, String username, String displayName, OffsetDateTime createdAt) {

    /** The longest user id (the column's width): an external provider's subject longer than this is refused. */
    public static final int MAX_ID = 64;
    /** The longest username kept (the column's width); valid ones are shorter still. */
    public static final int MAX_USERNAME = 64;
    /** The longest display name, in characters. */
    public static final int MAX_DISPLAY_NAME = 64;
    /** {@link #isValidUsername} in words, for a validation message. */
    public static final String USERNAME_RULE = "3 to 32 characters among letters, digits, '_', '.' and '-'";

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{3,32}");

    public static boolean isValidUsername(String username) {
        return username != null && USERNAME.matcher(username).matches();
    }
}
