package dev.realtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.RealtimeApplication;
import dev.realtime.testing.H2Files;
import dev.realtime.testing.OfficialClientJson;
import dev.realtime.testing.RecordingSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One node alone (in-memory rooms and presence) stops: a connected client is told its transport closed (so the
 * official client would reconnect, not give up), and every user's last-seen time is stored before the database
 * closes, also for a user whose grace period had only begun.
 */
class ShutdownIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Test
    void stop_connectedClientSeesTransportClose_lastSeenStoredForEveryone() throws SQLException {
        String database = H2Files.newDatabaseUrl("ShutdownIT");
        ConfigurableApplicationContext server = new SpringApplicationBuilder(RealtimeApplication.class).run(
                "--server.port=0", "--realtime.jwt.secret=" + TestTokens.SECRET,
                "--spring.datasource.url=" + database, "--realtime.presence.grace-period=1h");
        TestUser left;
        TestUser stayed;
        RecordingSocket stayedSocket;
        try {
            int port = server.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            ApiClient api = new ApiClient(port);
            left = TestUser.register(api, "left");
            stayed = TestUser.register(api, "stayed");
            RecordingSocket leftSocket = OfficialSockets.connected(port, left);
            stayedSocket = OfficialSockets.connected(port, stayed);
            leftSocket.close();
        } finally {
            server.close();
        }

        // A lost transport, which the official client answers by reconnecting; never "io server disconnect".
        assertThat(OfficialClientJson.result(stayedSocket.disconnected(), TIMEOUT))
                .isIn("transport close", "transport error");
        stayedSocket.close();
        try (Connection connection = DriverManager.getConnection(database, "sa", "")) {
            assertThat(lastSeen(connection, left)).as("left before the stop, within its grace period").isNotNull();
            assertThat(lastSeen(connection, stayed)).as("connected at the stop").isNotNull();
        }
    }

    /**
     * The jar on its embedded H2 default, stopped by SIGTERM as an orchestrator does. H2 registers a JVM shutdown
     * hook of its own that closes the database, and the JVM runs it alongside Spring's: the soak's server lost its
     * database in the middle of the drain ("Database is already closed") and stored no last-seen time.
     */
    @Test
    void sigterm_embeddedH2_databaseStaysOpenUntilDrained() throws SQLException {
        String database = H2Files.newDatabaseUrl("ShutdownIT-sigterm");
        TestUser connected;
        RecordingSocket socket;
        int exit;
        String log;
        try (ServerProcess server = ServerProcess.start("shutdown-h2", List.of(
                "--realtime.jwt.secret=" + TestTokens.SECRET, "--spring.datasource.url=" + database,
                "--realtime.presence.grace-period=1h"))) {
            connected = TestUser.register(new ApiClient(server.port()), "connected");
            socket = OfficialSockets.connected(server.port(), connected);
            exit = server.terminate(TIMEOUT.multipliedBy(2));
            log = server.logText();
        }
        socket.close();

        assertThat(exit).as("exit code after SIGTERM").isEqualTo(143);
        assertThat(log).contains("drained in ").doesNotContain("Database is already closed")
                .doesNotContain("could not store last-seen time");
        try (Connection connection = DriverManager.getConnection(database, "sa", "")) {
            assertThat(lastSeen(connection, connected)).as("connected at the stop").isNotNull();
        }
    }

    private static Object lastSeen(Connection connection, TestUser user) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT last_seen_at FROM users WHERE id = ?")) {
            select.setString(1, user.id());
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getObject(1);
            }
        }
    }
}
