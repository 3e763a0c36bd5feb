package dev.realtime.users;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Users and their credentials. Blocking: call it from the blocking executor only. */
public interface UserRepository {

    /** A user with the stored password hash, for login. */
    record Credentials(User user, String passwordHash) {
    }

    /**
     * Stores a new user.
     *
     * @return false when the username is taken (case-insensitively); nothing is stored then
     */
    boolean insert(User user, String passwordHash);

    Optional<User> findById(String id);

    /** Looks up by username, case-insensitively. */
    Optional<Credentials> findCredentials(String username);

    /**
     * Users whose username starts with {@code prefix} (case-insensitively, taken literally: {@code _} and {@code %}
     * are not wildcards), by username ignoring case, after the user named {@code after} (a cursor, may be null).
     * Returns up to {@code limit} users.
     */
    List<User> searchByPrefix(String prefix, String after, int limit);

    /** Records when the user was last connected. */
    void updateLastSeen(String id, OffsetDateTime at);

    /** When each of the given users was last connected; users never seen are absent. */
    Map<String, OffsetDateTime> lastSeen(Collection<String> ids);

    /** The ids among the given ones that belong to existing users. */
    Set<String> existing(Collection<String> ids);
}
