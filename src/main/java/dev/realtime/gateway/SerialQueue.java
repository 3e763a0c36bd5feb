package dev.realtime.gateway;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Runs one socket's events one after the other, so a client's sends are stored in the order it sent them, and
 * bounds how many may wait or run: a client that floods gets RATE_LIMITED instead of an ever-growing queue.
 *
 * <p>A pipelined task keeps the order by itself once started (a send joins its chat's write queue when
 * subscribed): the next task starts as soon as it has been subscribed, not when it completes, so a client may
 * have many sends in flight and they share a commit. It counts as pending until it completes.
 */
final class SerialQueue {

    private final int capacity;
    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);
    private int pending;

    SerialQueue(int capacity) {
        this.capacity = capacity;
    }

    /** @return false when the queue is full; the task is not run then */
    synchronized boolean submit(Supplier<Mono<Void>> task) {
        if (pending >= capacity) {
            return false;
        }
        pending++;
        tail = tail.handle((result, error) -> null)
                .thenCompose(ignored -> Mono.defer(task).toFuture())
                .whenComplete((result, error) -> done());
        return true;
    }

    /** Like {@link #submit}, but the next task may start once this one is subscribed. */
    synchronized boolean submitPipelined(Supplier<Mono<Void>> task) {
        if (pending >= capacity) {
            return false;
        }
        pending++;
        tail = tail.handle((result, error) -> null)
                .thenRun(() -> Mono.defer(task).doFinally(signal -> done()).subscribe(null, error -> { }));
        return true;
    }

    private synchronized void done() {
        pending--;
    }
}
