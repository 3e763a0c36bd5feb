package dev.realtime.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Runs a unit of work in one transaction on the blocking executor, then publishes the domain events it recorded,
 * only once the transaction has committed: a listener never hears of something that was rolled back.
 *
 * <p>When the database cannot be reached, work fails fast with SERVICE_UNAVAILABLE (see {@link Outage}); a failure
 * to get a connection never turns into a 500 or a wait without end.
 */
@Component
public class Transactions {

    private static final Logger log = LoggerFactory.getLogger(Transactions.class);
    private static final int MAX_LATE_CHECKS = 1_000;
    private static final Duration LATE_CHECK_FIRST = Duration.ofSeconds(1);
    private static final Duration LATE_CHECK_MAX = Duration.ofSeconds(30);
    private static final int LATE_CHECK_ATTEMPTS = 10;

    /** Where work records the events to publish after commit. */
    public static final class Events {
        private final List<DomainEvent> pending = new ArrayList<>();

        public void publish(DomainEvent event) {
            pending.add(event);
        }
    }

    private final PlatformTransactionManager manager;
    private final Blocking blocking;
    private final ApplicationEventPublisher publisher;
    private final PersistenceProperties properties;
    private final Outage outage;
    private final AtomicInteger lateChecks = new AtomicInteger();

    Transactions(PlatformTransactionManager manager, Blocking blocking, ApplicationEventPublisher publisher,
                 PersistenceProperties properties) {
        this.manager = manager;
        this.blocking = blocking;
        this.publisher = publisher;
        this.properties = properties;
        this.outage = new Outage(properties.outageBackoff());
    }

    public <T> Mono<T> run(Function<Events, T> work) {
        return blocking.call(() -> commitThenPublish(work, null));
    }

    /**
     * Runs work whose commit may fail after the database applied it (the connection died while committing): then
     * nobody knows whether it is stored. {@code check} finds out, in a new transaction: it returns the result
     * (recording the events the work would have published) when the work was stored, or empty when it was not
     * (yet). When it is not found, or the database cannot be asked, the caller gets SERVICE_UNAVAILABLE and the
     * check is repeated in the background for a few minutes, so what turns out to be stored is still published,
     * once.
     *
     * <p>Runs on the calling thread, which must be a blocking-work thread (see {@link Blocking}): the caller, such
     * as a writer storing a batch of sends, orders its work itself and publishes in that order.
     */
    public <T> T runChecked(Function<Events, T> work, Function<Events, Optional<T>> check) {
        try {
            return commitThenPublish(work, check);
        } catch (RuntimeException e) {
            throw unavailableIfDown(e);
        }
    }

    /** Work that records no events (reads). */
    public <T> Mono<T> read(Supplier<T> work) {
        return blocking.call(() -> commitThenPublish(events -> work.get(), null));
    }

    private <T> T commitThenPublish(Function<Events, T> work, Function<Events, Optional<T>> check) {
        Events events = new Events();
        TransactionStatus status = begin();
        T result;
        try {
            result = work.apply(events);
        } catch (RuntimeException | Error e) {
            rollback(status, e);
            throw unavailableIfDown(e);
        }
        try {
            manager.commit(status);
        } catch (RuntimeException e) {
            if (check == null) {
                throw unavailableIfDown(e);
            }
            log.warn("commit failed, checking whether it was applied: {}", e.toString());
            return checkNow(check);
        }
        publish(events);
        return result;
    }

    private TransactionStatus begin() {
        outage.admit();
        try {
            TransactionStatus status = manager.getTransaction(new DefaultTransactionDefinition());
            outage.reachable();
            return status;
        } catch (RuntimeException e) {
            if (DatabaseFailures.isUnavailable(e)) {
                outage.unreachable();
                log.warn("database unreachable: {}", e.toString());
                throw DatabaseFailures.unavailable();
            }
            throw e;
        }
    }

    /** Whether work fails fast now because the database was found unreachable (see {@link Outage}). */
    boolean inOutage() {
        return outage.isOngoing();
    }

    private void rollback(TransactionStatus status, Throwable cause) {
        try {
            manager.rollback(status);
        } catch (RuntimeException | Error e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * Runs the check on this thread, a few times while the database cannot be asked. Found: the work's result. Not
     * found, or never asked: the caller gets SERVICE_UNAVAILABLE and the check goes on in the background, because
     * "not found yet" is not "never": a PostgreSQL backend cut off while committing may still finish the commit
     * after another connection looked.
     */
    private <T> T checkNow(Function<Events, Optional<T>> check) {
        for (int attempt = 1; attempt <= properties.commitChecks(); attempt++) {
            try {
                Optional<T> stored = commitThenPublish(check, null);
                if (stored.isPresent()) {
                    return stored.get();
                }
                break;
            } catch (RuntimeException e) {
                // Whatever went wrong, the outcome is still unknown: ask again.
                log.warn("checking a failed commit failed: {}", e.toString());
                pause(attempt);
            }
        }
        checkLater(check);
        throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE,
                "the database connection failed while storing: retry with the same clientMessageId");
    }

    private <T> void checkLater(Function<Events, Optional<T>> check) {
        if (lateChecks.incrementAndGet() > MAX_LATE_CHECKS) {
            lateChecks.decrementAndGet();
            log.error("too many unresolved commits: one is left unchecked and, if it was stored, unannounced");
            return;
        }
        Mono.defer(() -> blocking.call(() -> commitThenPublish(check, null)))
                .filter(Optional::isPresent)
                .switchIfEmpty(Mono.error(NotFoundYet::new))
                .retryWhen(Retry.backoff(LATE_CHECK_ATTEMPTS, LATE_CHECK_FIRST).maxBackoff(LATE_CHECK_MAX))
                .doFinally(signal -> lateChecks.decrementAndGet())
                .subscribe(stored -> log.info("a commit that had failed was applied after all: published now"),
                        error -> log.info("a commit that had failed is taken as not applied: {}", error.toString()));
    }

    /** A late check did not find the work stored (yet). */
    private static final class NotFoundYet extends RuntimeException {
        NotFoundYet() {
            super("not found", null, false, false);
        }
    }

    private void publish(Events events) {
        for (DomainEvent event : events.pending) {
            try {
                publisher.publishEvent(event);
            } catch (RuntimeException e) {
                // Committed is committed: a failing listener must not turn the caller's success into an error.
                log.error("listener of {} failed", event.name(), e);
            }
        }
    }

    private static RuntimeException unavailableIfDown(Throwable e) {
        if (e instanceof Error error) {
            throw error;
        }
        return DatabaseFailures.isUnavailable(e) ? DatabaseFailures.unavailable() : (RuntimeException) e;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(100L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DatabaseFailures.unavailable();
        }
    }
}
