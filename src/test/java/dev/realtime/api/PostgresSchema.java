package dev.realtime.api;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A schema of its own in the PostgreSQL server of this machine (127.0.0.1:5432, database {@code test}, user
 * {@code postgres}, trust auth), created with plain JDBC before a context starts and dropped afterwards. When the
 * server is not reachable the tests are skipped, except on CI ({@code CI=true}), where that is a failure.
 */
final class PostgresSchema {

    static final String SERVER_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String USER = "postgres";

    private final String name;

    private PostgresSchema(String name) {
        this.name = name;
    }

    /** Creates {@code rt_<random>}; skips or fails the calling tests when PostgreSQL is not reachable. */
    static PostgresSchema create() {
        String name = "rt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + name);
        } catch (SQLException e) {
            if (e.getSQLState() == null || !e.getSQLState().startsWith("08")) {
                throw new IllegalStateException("cannot create schema " + name + " in " + SERVER_URL, e);
            }
            String message = "PostgreSQL at 127.0.0.1:5432 is not reachable (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message + "; CI=true requires it, so this is a failure", e);
            }
            Assumptions.abort(message + "; skipping the PostgreSQL tests");
        }
        return new PostgresSchema(name);
    }

    String name() {
        return name;
    }

    /** The URL whose connections work in this schema only. */
    String url() {
        return SERVER_URL + "?currentSchema=" + name;
    }

    /** Like {@link #url()}, through another port of this machine (a proxy in front of the server). */
    String url(int port) {
        return url().replace(":5432/", ":" + port + "/");
    }

    /** Points the application at this schema, reached at {@code url} (see {@link #url()}). */
    void register(DynamicPropertyRegistry registry, Supplier<Object> url) {
        registry.add("spring.datasource.url", url);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.flyway.default-schema", () -> name);
        registry.add("spring.flyway.schemas", () -> name);
    }

    void drop() {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop schema " + name, e);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(SERVER_URL + "?connectTimeout=5", USER, "");
    }
}
