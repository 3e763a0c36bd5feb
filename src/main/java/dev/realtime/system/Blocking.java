package dev.realtime.system;

import java.util.concurrent.Callable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Where blocking work (JDBC, password hashing) runs, so it never runs on a Netty event loop. Bounded twice: a
 * fixed number of threads and a fixed number of waiting tasks; past that, work is refused at once (the API
 * answers 429 RATE_LIMITED) rather than queued without end. A database that cannot be reached fails the work
 * with SERVICE_UNAVAILABLE (503), not as a bug. Reactor's bounded-elastic scheduler: handing it a
 * task from an event loop never waits on a lock a worker could hold for long.
 */
public final class Blocking implements AutoCloseable {

    private final Scheduler scheduler;

    public Blocking(int threads, int queueCapacity) {
        this.scheduler = Schedulers.newBoundedElastic(threads, Math.max(1, queueCapacity / threads), "blocking", 60,
                true);
    }

    /** Runs the call on a blocking-work thread; a null result completes the Mono empty. */
    public <T> Mono<T> call(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(scheduler)
                .onErrorMap(DatabaseFailures::isUnavailable, error -> DatabaseFailures.unavailable());
    }

    /** Runs the action on a blocking-work thread. */
    public Mono<Void> run(Runnable work) {
        return Mono.<Void>fromRunnable(work).subscribeOn(scheduler)
                .onErrorMap(DatabaseFailures::isUnavailable, error -> DatabaseFailures.unavailable());
    }

    @Override
    public void close() {
        scheduler.dispose();
    }
}
