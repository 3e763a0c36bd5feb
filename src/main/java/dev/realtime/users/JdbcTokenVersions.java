package dev.realtime.users;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcTokenVersions implements TokenVersions {

    private final JdbcClient jdbc;

    JdbcTokenVersions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Integer> find(String userId) {
        return jdbc.sql("SELECT token_version FROM users WHERE id = ?").param(userId).query(Integer.class).optional();
    }

    // Two statements, not UPDATE ... RETURNING (H2 has no RETURNING): the version read is at least the one written,
    // which is all a caller announcing it needs, since versions only go up.
    @Override
    public Optional<Integer> raise(String userId) {
        int updated = jdbc.sql("UPDATE users SET token_version = token_version + 1 WHERE id = ?").param(userId)
                .update();
        return updated == 0 ? Optional.empty() : find(userId);
    }
}
