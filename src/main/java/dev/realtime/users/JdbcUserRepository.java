package dev.realtime.users;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcUserRepository implements UserRepository {

    private final JdbcClient jdbc;

    JdbcUserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean insert(User user, String passwordHash) {
        try {
            jdbc.sql("""
                    INSERT INTO users (id, username, username_key, display_name, password_hash, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(user.id(), user.username(), key(user.username()), user.displayName(), passwordHash,
                            user.createdAt())
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    @Override
    public Optional<User> findById(String id) {
        return jdbc.sql("SELECT id, username, display_name, created_at FROM users WHERE id = ?")
                .param(id)
                .query((rs, n) -> new User(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class)))
                .optional();
    }

    @Override
    public Optional<Credentials> findCredentials(String username) {
        return jdbc.sql("""
                SELECT id, username, display_name, created_at, password_hash FROM users WHERE username_key = ?""")
                .param(key(username))
                .query((rs, n) -> new Credentials(new User(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class)), rs.getString(5)))
                .optional();
    }

    @Override
    public List<User> searchByPrefix(String prefix, String after, int limit) {
        return jdbc.sql("""
                SELECT id, username, display_name, created_at FROM users
                WHERE username_key LIKE ? ESCAPE '!' AND username_key > ?
                ORDER BY username_key LIMIT ?""")
                .params(literal(key(prefix)) + "%", after == null ? "" : key(after), limit)
                .query((rs, n) -> new User(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class)))
                .list();
    }

    /** The text as a LIKE pattern that matches only itself ('!' escapes; usernames may hold '_'). */
    private static String literal(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    @Override
    public void updateLastSeen(String id, OffsetDateTime at) {
        jdbc.sql("UPDATE users SET last_seen_at = ? WHERE id = ?").params(at, id).update();
    }

    @Override
    public Map<String, OffsetDateTime> lastSeen(Collection<String> ids) {
        Map<String, OffsetDateTime> seen = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("SELECT id, last_seen_at FROM users WHERE id IN (:ids) AND last_seen_at IS NOT NULL")
                    .param("ids", ids)
                    .query(rs -> {
                        seen.put(rs.getString(1), rs.getObject(2, OffsetDateTime.class));
                    });
        }
        return seen;
    }

    @Override
    public Set<String> existing(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("SELECT id FROM users WHERE id IN (:ids)")
                .param("ids", ids)
                .query(String.class)
                .list());
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
