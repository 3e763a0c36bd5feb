package dev.realtime.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collections;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.h2.engine.SessionLocal;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file written with a commit per batch, as the send writers do, against the size of the same data compacted.
 * Passes run on the writing connection between commits, where the server runs them on a thread of their own every
 * 250 ms, so that the outcome does not depend on how the threads are scheduled. The retention time is cut to 0 to
 * fit the test in seconds: with the default 45 s no chunk could be rewritten before the end.
 */
class H2HousekeepingIT {

    private static final int COMMITS = 600;
    private static final int ROWS_PER_COMMIT = 16;
    private static final int COMMITS_PER_PASS = 25;

    @TempDir
    Path dir;

    @Test
    void compact_sustainedCommitsWithoutWriteDelay_fileStaysWithinFewTimesItsLiveData()
            throws SQLException, IOException {
        String url = H2DurableCommits.durable("jdbc:h2:file:" + dir.resolve("rt") + ";RETENTION_TIME=0");
        long written;

        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            createTable(connection);
            for (int commit = 1; commit <= COMMITS; commit++) {
                insertBatch(connection, commit);
                if (commit % COMMITS_PER_PASS == 0) {
                    H2Housekeeping.compact(connection);
                }
            }
            written = fileSize();
            try (Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN COMPACT");
            }
        }
        long live = fileSize();

        assertThat(written).as("file of %d bytes of live data", live).isLessThan(4 * live + (4 << 20));
    }

    /**
     * Another thread holds H2's store lock, as a commit does, for far longer than the 10 ms that
     * {@link org.h2.mvstore.MVStore#compact} alone waits for it: the pass waits its turn and still rewrites.
     */
    @Test
    void compact_storeLockHeldByACommitLongerThanTenMs_passWaitsAndRewrites() throws Exception {
        String url = H2DurableCommits.durable("jdbc:h2:file:" + dir.resolve("rt") + ";RETENTION_TIME=0");

        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            createTable(connection);
            for (int commit = 1; commit <= 100; commit++) {
                insertBatch(connection, commit);
            }
            MVStore store = ((SessionLocal) connection.unwrap(JdbcConnection.class).getSession()).getDatabase()
                    .getStore().getMvStore();
            CountDownLatch held = new CountDownLatch(1);
            CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> store.executeFilestoreOperation(() -> {
                held.countDown();
                sleep(Duration.ofMillis(300));
            }));
            assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();

            boolean rewrote = H2Housekeeping.compact(connection);

            holder.get(10, TimeUnit.SECONDS);
            assertThat(rewrote).isTrue();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** H2 forces nothing to disk on a commit; after one, the housekeeping does, within about a second. */
    @Test
    void housekeeping_afterACommit_forcesTheFileToDisk() throws Exception {
        ForceCountingFiles.register();
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(H2DurableCommits.durable("jdbc:h2:" + ForceCountingFiles.SCHEME + ":" + dir.resolve("rt")));
        dataSource.setUser("sa");
        H2Housekeeping housekeeping = new H2Housekeeping(dataSource);
        try (Connection connection = dataSource.getConnection()) {
            createTable(connection);
            insertBatch(connection, 1);
            int before = ForceCountingFiles.forces();

            insertBatch(connection, 2);

            await().atMost(Duration.ofSeconds(10)).until(() -> ForceCountingFiles.forces() > before);
        } finally {
            housekeeping.destroy();
        }
    }

    @Test
    void lowerDefaultRetention_h2Default_lowered() throws SQLException {
        String url = H2DurableCommits.durable("jdbc:h2:file:" + dir.resolve("rt"));

        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            assertThat(retentionSetting(connection)).isEqualTo("45000");

            assertThat(H2Housekeeping.lowerDefaultRetention(connection)).contains(H2Housekeeping.RETENTION);
            assertThat(retentionSetting(connection)).isEqualTo(Long.toString(H2Housekeeping.RETENTION.toMillis()));
        }
    }

    @Test
    void lowerDefaultRetention_urlGivesAnotherValue_leftAlone() throws SQLException {
        String url = H2DurableCommits.durable("jdbc:h2:file:" + dir.resolve("rt") + ";RETENTION_TIME=30000");

        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            assertThat(H2Housekeeping.lowerDefaultRetention(connection)).contains(Duration.ofSeconds(30));
            assertThat(retentionSetting(connection)).isEqualTo("30000");
        }
    }

    @Test
    void lowerDefaultRetention_inMemoryDatabase_notAFile() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:retention", "sa", "")) {
            assertThat(H2Housekeeping.lowerDefaultRetention(connection)).isEmpty();
        }
    }

    /** What H2 itself reports as the database's retention time. */
    private static String retentionSetting(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                     + " WHERE SETTING_NAME = 'RETENTION_TIME'")) {
            assertThat(row.next()).isTrue();
            return row.getString(1);
        }
    }

    private void createTable(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE messages (id VARCHAR(64) PRIMARY KEY, chat_id VARCHAR(64) NOT NULL,"
                    + " seq BIGINT NOT NULL, text VARCHAR(1000), client_message_id VARCHAR(128),"
                    + " UNIQUE (chat_id, seq), UNIQUE (chat_id, client_message_id))");
            statement.execute("CREATE TABLE chats (id VARCHAR(64) PRIMARY KEY, last_seq BIGINT NOT NULL)");
            statement.execute("INSERT INTO chats VALUES ('c', 0)");
        }
        connection.setAutoCommit(false);
    }

    private void insertBatch(Connection connection, int commit) throws SQLException {
        String rows = String.join(", ", Collections.nCopies(ROWS_PER_COMMIT, "(?, 'c', ?, ?, ?)"));
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO messages VALUES " + rows);
             PreparedStatement advance = connection.prepareStatement("UPDATE chats SET last_seq = ? WHERE id = 'c'")) {
            int p = 1;
            for (int row = 0; row < ROWS_PER_COMMIT; row++) {
                long seq = (long) (commit - 1) * ROWS_PER_COMMIT + row + 1;
                insert.setString(p++, TimeOrderedIds.next());
                insert.setLong(p++, seq);
                insert.setString(p++, "message " + seq);
                insert.setString(p++, UUID.randomUUID().toString());
                advance.setLong(1, seq);
            }
            insert.executeUpdate();
            advance.executeUpdate();
        }
        connection.commit();
    }

    private long fileSize() throws IOException {
        return Files.size(dir.resolve("rt.mv.db"));
    }
}
