package dev.realtime.gateway;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Runs one socket's events in the order they came and answers them in that order, so a client's sends are stored
 * in the order it sent them and its acks and exception events arrive as it sent the events. Bounds how many may
 * wait or run: a client that floods gets RATE_LIMITED instead of an ever-growing queue.
 *
 * <p>A task yields its reply (an ack, or an exception event), which is sent once every earlier task's reply was.
 * An ordered task starts when the one before it has completed. A pipelined task keeps the order of its work by
 * itself once started (a send joins its chat's write queue when subscribed): the next task starts as soon as it has
 * been subscribed, so a client may have many sends in flight and they share a commit. A task counts as pending
 * until its reply was sent.
 */
final class SerialQueue {

    private static final Logger log = LoggerFactory.getLogger(SerialQueue.class);

    private final int capacity;
    private final AtomicInteger inFlight;
    private CompletableFuture<?> started = CompletableFuture.completedFuture(null);
    private CompletableFuture<?> replied = CompletableFuture.completedFuture(null);
    private int pending;

    SerialQueue(int capacity) {
        this(capacity, new AtomicInteger());
    }

    /** @param inFlight counts this queue's pending tasks too: the gateway's count over every socket */
    SerialQueue(int capacity, AtomicInteger inFlight) {
        this.capacity = capacity;
        this.inFlight = inFlight;
    }

    /** @return false when the queue is full; the task is not run then */
    synchronized boolean submit(Supplier<Mono<Runnable>> task) {
        return submit(task, false);
    }

    /** Like {@link #submit}, but the next task may start once this one is subscribed. */
    synchronized boolean submitPipelined(Supplier<Mono<Runnable>> task) {
        return submit(task, true);
    }

    private boolean submit(Supplier<Mono<Runnable>> task, boolean pipelined) {
        if (pending >= capacity) {
            return false;
        }
        pending++;
        inFlight.incrementAndGet();
        CompletableFuture<Runnable> result = new CompletableFuture<>();
        started = started.handle((ignored, error) -> null).thenCompose(ignored -> {
            Mono.defer(task).subscribe(result::complete, result::completeExceptionally, () -> result.complete(null));
            return pipelined ? CompletableFuture.completedFuture(null) : result;
        });
        replied = replied.thenCompose(ignored -> result.handle((reply, error) -> reply)).thenAccept(this::reply);
        return true;
    }

    // Never throws: a reply that failed must not hold back the ones after it.
    private void reply(Runnable reply) {
        try {
            if (reply != null) {
                reply.run();
            }
        } catch (RuntimeException e) {
            log.warn("a reply to a socket's event failed", e);
        } finally {
            done();
        }
    }

    private synchronized void done() {
        pending--;
        inFlight.decrementAndGet();
    }
}
