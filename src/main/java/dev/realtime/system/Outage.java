package dev.realtime.system;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fails database work at once while the database is known to be unreachable, instead of letting every request
 * wait out the pool's acquisition timeout. After {@code backoff} one caller is let through to try again; its
 * success ends the outage, its failure starts another backoff. So the server recovers by itself.
 */
final class Outage {

    private static final long NONE = Long.MIN_VALUE;

    private final long backoffNanos;
    private final AtomicLong retryAt = new AtomicLong(NONE);

    Outage(Duration backoff) {
        this.backoffNanos = backoff.toNanos();
    }

    /** Throws SERVICE_UNAVAILABLE during an outage, except for the one caller chosen to try again. */
    void admit() {
        long at = retryAt.get();
        if (at == NONE) {
            return;
        }
        long now = System.nanoTime();
        if (now - at < 0 || !retryAt.compareAndSet(at, now + backoffNanos)) {
            throw DatabaseFailures.unavailable();
        }
    }

    /** A connection could not be had. */
    void unreachable() {
        retryAt.set(System.nanoTime() + backoffNanos);
    }

    /** A connection was had: the database is back. */
    void reachable() {
        if (retryAt.get() != NONE) {
            retryAt.set(NONE);
        }
    }

    boolean isOngoing() {
        return retryAt.get() != NONE;
    }
}
