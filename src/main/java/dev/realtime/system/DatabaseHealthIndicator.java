package dev.realtime.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Health {@code db}, part of readiness, in place of Spring Boot's: that one borrows a connection on the caller's
 * thread, so with the database gone a probe would wait out the pool's connection timeout. Here a connection is
 * borrowed and checked on a thread of its own, and the answer is DOWN when that does not finish within
 * {@link #TIMEOUT}; a check still running is joined by the next probe instead of starting another, so at most one
 * thread ever waits on a dead database.
 */
@Component("dbHealthIndicator")
class DatabaseHealthIndicator implements ReactiveHealthIndicator, DisposableBean {

    /** Within a readiness probe's usual one-second timeout. */
    static final Duration TIMEOUT = Duration.ofMillis(800);

    private final DataSource dataSource;
    private final Transactions transactions;
    private final Duration timeout;
    private final AtomicReference<CompletableFuture<Health>> running = new AtomicReference<>();
    private final ExecutorService checker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "db-health");
        thread.setDaemon(true);
        return thread;
    });

    @Autowired
    DatabaseHealthIndicator(DataSource dataSource, Transactions transactions) {
        this(dataSource, transactions, TIMEOUT);
    }

    DatabaseHealthIndicator(DataSource dataSource, Transactions transactions, Duration timeout) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.timeout = timeout;
    }

    @Override
    public Mono<Health> health() {
        boolean outage = transactions.inOutage();
        return Mono.fromFuture(check(), true)
                .timeout(timeout, Mono.fromSupplier(() -> Health.down()
                        .withDetail("error", "no connection checked within " + timeout.toMillis() + " ms").build()))
                .map(health -> outage ? Health.status(health.getStatus()).withDetails(health.getDetails())
                        .withDetail("outage", true).build() : health);
    }

    private CompletableFuture<Health> check() {
        CompletableFuture<Health> current = running.get();
        if (current != null && !current.isDone()) {
            return current;
        }
        CompletableFuture<Health> next = new CompletableFuture<>();
        if (!running.compareAndSet(current, next)) {
            return running.get();
        }
        try {
            checker.execute(() -> next.complete(probe()));
        } catch (RejectedExecutionException e) {
            next.complete(Health.down().withDetail("error", "shutting down").build());
        }
        return next;
    }

    private Health probe() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(1)
                    ? Health.up().build()
                    : Health.down().withDetail("error", "the connection did not answer").build();
        } catch (SQLException | RuntimeException e) {
            return Health.down().withDetail("error", e.getClass().getName()).build();
        }
    }

    @Override
    public void destroy() {
        checker.shutdownNow();
    }
}
