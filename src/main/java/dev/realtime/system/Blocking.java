package dev.realtime.system;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Where blocking work (JDBC, password hashing) runs, so it never runs on a Netty event loop. Bounded twice: a
 * fixed number of threads and a fixed queue; when both are full the work is refused at once (the API answers
 * 429 RATE_LIMITED) rather than queued without end.
 */
public final class Blocking implements AutoCloseable {

    private final ThreadPoolExecutor executor;
    private final Scheduler scheduler;

    public Blocking(int threads, int queueCapacity) {
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity), runnable -> {
                    Thread thread = new Thread(runnable, "blocking-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
        this.scheduler = Schedulers.fromExecutorService(executor, "blocking");
    }

    /** Runs the call on a blocking-work thread; a null result completes the Mono empty. */
    public <T> Mono<T> call(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(scheduler);
    }

    /** Runs the action on a blocking-work thread. */
    public Mono<Void> run(Runnable work) {
        return Mono.<Void>fromRunnable(work).subscribeOn(scheduler);
    }

    @Override
    public void close() {
        scheduler.dispose();
        executor.shutdown();
    }
}
