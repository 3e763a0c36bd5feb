package dev.realtime.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;

class DatabaseHealthIndicatorTest {

    private static final Duration TIMEOUT = Duration.ofMillis(100);

    private final JdbcDataSource database = new JdbcDataSource();
    private final Blocking blocking = new Blocking(2, 10);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger borrowed = new AtomicInteger();
    private DatabaseHealthIndicator indicator;

    DatabaseHealthIndicatorTest() {
        database.setURL("jdbc:h2:mem:db-health-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @AfterEach
    void close() {
        release.countDown();
        if (indicator != null) {
            indicator.destroy();
        }
        blocking.close();
    }

    @Test
    void health_databaseAnswers_up() {
        indicator = indicator(database);

        assertThat(health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void health_noConnectionToBeHad_downSayingWhy() {
        indicator = indicator(new DelegatingDataSource(database) {
            @Override
            public Connection getConnection() throws SQLException {
                throw new SQLTransientConnectionException("pool exhausted");
            }
        });

        Health health = health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("error", SQLTransientConnectionException.class.getName());
    }

    @Test
    void health_connectionHangs_downAfterTheTimeoutAndTheNextProbeJoinsTheSameCheck() {
        indicator = indicator(new DelegatingDataSource(database) {
            @Override
            public Connection getConnection() throws SQLException {
                borrowed.incrementAndGet();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.getConnection();
            }
        });

        Health first = health();
        Health second = health();

        assertThat(first.getStatus()).isEqualTo(Status.DOWN);
        assertThat(first.getDetails()).containsEntry("error", "no connection checked within 100 ms");
        assertThat(second.getStatus()).isEqualTo(Status.DOWN);
        assertThat(borrowed).hasValue(1);

        release.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> health().getStatus(), Status.UP::equals);
    }

    private DatabaseHealthIndicator indicator(DataSource dataSource) {
        Transactions transactions = new Transactions(new DataSourceTransactionManager(database), blocking,
                event -> { }, new PersistenceProperties(2_000, Duration.ofHours(1), 2, 4, 256));
        return new DatabaseHealthIndicator(dataSource, transactions, TIMEOUT);
    }

    private Health health() {
        return indicator.health().block(Duration.ofSeconds(10));
    }
}
