package dev.realtime.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Compacts an open embedded H2 file while the server writes to it: the housekeeping H2 leaves undone when
 * {@link H2DurableCommits} sets {@code WRITE_DELAY=0}. A delay of 0 starts no MVStore background writer, and that
 * thread is the only caller of its housekeeping, which rewrites the live pages of sparse chunks so that the chunks
 * become free space that later commits reuse. Without it every commit leaves chunks that stay partly live, and the
 * file grows with each write instead of with the data (README, Persistence).
 *
 * <p>Every {@link #EVERY} a dedicated thread borrows a pool connection and calls {@link MVStore#compact}, which is
 * what the background writer does under load: under MVStore's store lock, waited for in turn, it rewrites at
 * most a quarter of the store's auto-commit memory of live pages, chosen from the chunks older than the retention
 * time (below), the emptiest and oldest first. A commit waits for such a pass; the pages rewritten reach the file with
 * the next commit. Stops after one pass on PostgreSQL, on an in-memory H2 and through an H2 server
 * ({@code jdbc:h2:tcp:}).
 *
 * <p>H2 neither reuses nor rewrites a chunk before it is its retention time old, 45 s by default, so the file holds
 * at least 45 s of commits whatever the passes do: about 5 GB at 5,000 messages a second in batches of 10 (measured
 * with H2's own counters outside the repository; older chunks were nearly all rewritten or free). Where the
 * database still has that default, the first pass lowers it to {@link #RETENTION}. H2 names the risk of a lower
 * value: it assumes that the file system has written a chunk to disk before its space is reused. That is made true
 * here: every {@link #SYNC_EVERY} a pass forces the file to disk, which also limits what a power cut can take, on a
 * disk that honours the flush, to the commits since the last sync. A URL or {@code SET RETENTION_TIME} that gives
 * another value is left alone.
 */
@Component
final class H2Housekeeping implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(H2Housekeeping.class);

    /** Near the background writer's pace, a third of the write delay: 166 ms at H2's default of 500 ms. */
    static final Duration EVERY = Duration.ofMillis(250);

    /** Below this share of live bytes in all chunks a pass rewrites; H2's housekeeping aims at 81 while busy. */
    private static final int TARGET_FILL_RATE = 80;

    /** The retention time set in place of H2's default: five syncs at least before a chunk's space is reused. */
    static final Duration RETENTION = Duration.ofSeconds(5);

    /** How often a pass forces the file to disk. */
    static final Duration SYNC_EVERY = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "h2-housekeeping");
        thread.setDaemon(true);
        return thread;
    });
    private boolean failureLogged;
    private long lastSync = System.nanoTime();
    private long versionSynced = -1;

    H2Housekeeping(DataSource dataSource) {
        this.dataSource = dataSource;
        thread.scheduleWithFixedDelay(this::pass, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pass() {
        try (Connection connection = dataSource.getConnection()) {
            Optional<MVStore> store = fileStore(connection);
            if (store.isEmpty()) {
                // Not an embedded H2 file, and the datasource does not change: no more passes.
                thread.shutdown();
                return;
            }
            // Acts only while H2's default is in force, so after the first pass it changes nothing.
            lowerDefaultRetention(store.get());
            compact(store.get());
            sync(store.get());
            failureLogged = false;
        } catch (SQLException | RuntimeException e) {
            // The database may be down or closing; the next pass tries again, and one line says so.
            if (!failureLogged) {
                log.warn("H2 housekeeping failed, retrying every {} ms: {}", EVERY.toMillis(), e.toString());
                failureLogged = true;
            }
        }
    }

    /**
     * One housekeeping pass on the H2 file database this connection is open on.
     *
     * @return whether chunks were rewritten; false when there was nothing to do or it is not an embedded H2 file
     */
    static boolean compact(Connection connection) throws SQLException {
        return fileStore(connection).map(H2Housekeeping::compact).orElse(false);
    }

    /** Forces the file to disk if a second has passed and something was stored since the last time. */
    private void sync(MVStore store) {
        long version = store.getCurrentVersion();
        if (System.nanoTime() - lastSync >= SYNC_EVERY.toNanos() && version != versionSynced) {
            lastSync = System.nanoTime();
            versionSynced = version;
            // Takes no lock of H2's: commits go on writing while the file is forced.
            store.sync();
        }
    }

    /**
     * Lowers the retention time of the H2 file database this connection is open on to {@link #RETENTION} where it
     * is H2's default.
     *
     * @return the retention time now in force; empty when it is not an embedded H2 file
     */
    static Optional<Duration> lowerDefaultRetention(Connection connection) throws SQLException {
        return fileStore(connection).map(H2Housekeeping::lowerDefaultRetention);
    }

    private static Duration lowerDefaultRetention(MVStore store) {
        FileStore<?> file = store.getFileStore();
        if (file.getRetentionTime() == file.getDefaultRetentionTime()) {
            file.setRetentionTime((int) RETENTION.toMillis());
            log.info("H2 retention time lowered from {} ms to {} ms; the file is forced to disk every {} ms",
                    file.getDefaultRetentionTime(), RETENTION.toMillis(), SYNC_EVERY.toMillis());
        }
        return Duration.ofMillis(file.getRetentionTime());
    }

    /**
     * {@link MVStore#compact} alone tries H2's store lock for 10 ms and gives up. Under a steady stream of commits that
     * lock is seldom free that soon: in the soak (4,000 messages a second), in 4 of 6 rounds of 10 calls none
     * rewrote anything, and chunks older than the retention time piled up, 0.9 GB of them holding 0.26 GB of live
     * data 4 minutes in. {@link MVStore#executeFilestoreOperation} waits its turn on that lock, which is fair, so a
     * pass runs between two commits; inside it, compact finds the lock already held by this thread. Commits wait for
     * a pass in turn: at saturation that cost the soak a quarter of its throughput (README, Persistence).
     */
    private static boolean compact(MVStore store) {
        if (store.getFileStore().getChunksFillRate() >= TARGET_FILL_RATE) {
            return false;
        }
        AtomicBoolean rewrote = new AtomicBoolean();
        store.executeFilestoreOperation(
                () -> rewrote.set(store.compact(TARGET_FILL_RATE, store.getAutoCommitMemory() / 4)));
        return rewrote.get();
    }

    private static Optional<MVStore> fileStore(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)
                || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return Optional.empty();
        }
        MVStore store = session.getDatabase().getStore().getMvStore();
        return store.getFileStore() == null || store.isClosed() ? Optional.empty() : Optional.of(store);
    }

    @Override
    public void destroy() throws InterruptedException {
        // No interrupt: H2 may be writing the file on this thread, and an interrupted channel closes.
        thread.shutdown();
        thread.awaitTermination(10, TimeUnit.SECONDS);
    }
}
