package dev.realtime.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.realtime.testing.ExpectedLog;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import reactor.core.publisher.Mono;

/**
 * Transactions over an in-memory H2 database and Spring's DataSourceTransactionManager, with the published events
 * recorded. Work that must be "still running" waits on a latch the test releases; nothing depends on time.
 */
class TransactionsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    record Stored(String name) implements DomainEvent {
    }

    private final JdbcDataSource dataSource = new JdbcDataSource();
    private final FlakyTransactionManager manager;
    private final JdbcTemplate jdbc;
    private final Blocking blocking = new Blocking(4, 100);
    private final List<String> published = new CopyOnWriteArrayList<>();
    /** For each published event: the rows another connection saw at that moment. */
    private final List<Integer> rowsSeenWhenPublished = new CopyOnWriteArrayList<>();

    TransactionsTest() {
        dataSource.setURL("jdbc:h2:mem:transactions-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        manager = new FlakyTransactionManager(dataSource);
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("create table item (name varchar(100) primary key, seq int)");
    }

    /** Commit failures these tests provoke are logged as warnings: held and asserted here, not printed. */
    private final ExpectedLog transactionLog = ExpectedLog.of(Transactions.class);

    @AfterEach
    void close() {
        transactionLog.close();
        blocking.close();
        jdbc.execute("shutdown");
    }

    private Transactions transactions() {
        return new Transactions(manager, blocking, event -> {
            rowsSeenWhenPublished.add(rowsSeenByAnotherConnection());
            published.add(((DomainEvent) event).name());
        }, properties());
    }

    /** An outage backoff of an hour: no test here makes the database unreachable. */
    private static PersistenceProperties properties() {
        return new PersistenceProperties(2_000, Duration.ofHours(1), 2, 4, 256);
    }

    @Test
    void run_workSucceeds_resultReturnedAndEventsPublishedAfterCommit() {
        Transactions transactions = transactions();

        String result = transactions.run(events -> {
            insert("a");
            events.publish(new Stored("a stored"));
            insert("b");
            events.publish(new Stored("b stored"));
            return "done";
        }).block(TIMEOUT);

        assertThat(result).isEqualTo("done");
        assertThat(names()).containsExactly("a", "b");
        assertThat(published).containsExactly("a stored", "b stored");
        assertThat(rowsSeenWhenPublished).as("both rows were committed before the first event").containsOnly(2);
    }

    @Test
    void run_workThrows_rolledBackNothingPublishedAndTheErrorPassedOn() {
        Transactions transactions = transactions();
        IllegalStateException failure = new IllegalStateException("work failed after writing");

        Mono<String> run = transactions.run(events -> {
            insert("a");
            events.publish(new Stored("a stored"));
            throw failure;
        });

        assertThatThrownBy(() -> run.block(TIMEOUT)).isSameAs(failure);
        assertThat(names()).isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void run_commitFailsWithoutCheck_errorPassedOnAndNothingPublished() {
        Transactions transactions = transactions();
        manager.failNextCommit(false);

        Mono<String> run = transactions.run(events -> {
            insert("a");
            events.publish(new Stored("a stored"));
            return "done";
        });

        assertThatThrownBy(() -> run.block(TIMEOUT)).hasMessageContaining(FlakyTransactionManager.COMMIT_FAILED);
        assertThat(names()).isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void read_returnsTheResultAndPublishesNothing() {
        Transactions transactions = transactions();
        insert("a");

        List<String> read = transactions.read(this::names).block(TIMEOUT);

        assertThat(read).containsExactly("a");
        assertThat(published).isEmpty();
    }

    @Test
    void runChecked_commitFailedButApplied_checkFindsItAndPublishesItsEventsOnce() {
        Transactions transactions = transactions();
        manager.failNextCommit(true);

        String result = blocking.call(() -> transactions.runChecked(events -> {
            insert("a");
            events.publish(new Stored("from the work"));
            return "work";
        }, events -> {
            events.publish(new Stored("from the check"));
            return names().contains("a") ? Optional.of("found by the check") : Optional.empty();
        })).block(TIMEOUT);

        assertThat(result).isEqualTo("found by the check");
        assertThat(transactionLog.lines()).singleElement().asString().contains("commit failed");
        assertThat(names()).containsExactly("a");
        assertThat(published).containsExactly("from the check");
    }

    @Test
    void runChecked_commitFailedAndNotFound_serviceUnavailableThenPublishedOnceFoundLater() {
        Transactions transactions = transactions();
        manager.failNextCommit(false);
        AtomicInteger checks = new AtomicInteger();

        Mono<String> run = blocking.call(() -> transactions.runChecked(events -> {
            insert("a");
            return "work";
        }, events -> {
            // Not there at the first look; "applied after all" at the second, as a late PostgreSQL commit can be.
            if (checks.incrementAndGet() == 1) {
                return Optional.empty();
            }
            events.publish(new Stored("found later"));
            return Optional.of("found later");
        }));

        assertThatThrownBy(() -> run.block(TIMEOUT)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
        await().atMost(TIMEOUT).until(() -> !published.isEmpty());
        assertThat(published).containsExactly("found later");
        assertThat(checks).hasValue(2);
    }

    private void insert(String name) {
        jdbc.update("insert into item (name) values (?)", name);
    }

    private List<String> names() {
        return jdbc.queryForList("select name from item order by name", String.class);
    }

    /** Rows committed now, as a connection outside any transaction of the test sees them. */
    private int rowsSeenByAnotherConnection() {
        try (Connection connection = dataSource.getConnection();
             ResultSet rows = connection.createStatement().executeQuery("select count(*) from item")) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
