package dev.realtime.system;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Striped locks that run work with the same key one at a time on this node, with a bound on how many may wait
 * for one stripe: past it, work is refused at once (RATE_LIMITED) rather than queued without end behind a slow
 * or failing database.
 */
final class OrderLocks {

    private static final int STRIPES = 256;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
    private final AtomicInteger[] queued = new AtomicInteger[STRIPES];
    private final int maxQueued;

    OrderLocks(int maxQueued) {
        this.maxQueued = maxQueued;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
            queued[i] = new AtomicInteger();
        }
    }

    <T> T inOrder(String key, Supplier<T> work) {
        AtomicInteger count = queued[stripe(key)];
        try {
            // The holder counts too: maxQueued is how many may be running or waiting for this stripe.
            if (count.incrementAndGet() > maxQueued) {
                throw new ApiException(ErrorCode.RATE_LIMITED, "too many sends waiting for this chat, retry later");
            }
            ReentrantLock lock = locks[stripe(key)];
            lock.lock();
            try {
                return work.get();
            } finally {
                lock.unlock();
            }
        } finally {
            count.decrementAndGet();
        }
    }

    /** Work running or waiting for the key's stripe. */
    int queued(String key) {
        return queued[stripe(key)].get();
    }

    private static int stripe(String key) {
        return Math.floorMod(key.hashCode(), STRIPES);
    }
}
