package dev.realtime.system;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token bucket per key (a user id), in this process. Keys idle long enough to have a full bucket are dropped,
 * so the map holds only recently active users.
 */
public final class RateLimiter {

    private static final int SWEEP_EVERY = 10_000;

    private final double perSecond;
    private final int burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();

    public RateLimiter(double perSecond, int burst) {
        this.perSecond = perSecond;
        this.burst = burst;
    }

    /** Takes one token for the key; false when the key has none left. */
    public boolean tryAcquire(String key) {
        long now = System.nanoTime();
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
            buckets.values().removeIf(bucket -> bucket.fullAt(now));
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(burst, now)).take(now);
    }

    /**
     * Returns a token taken for the key: for budgets that only failures should spend (take one when an attempt
     * starts, so concurrent attempts cannot overdraw; give it back when the attempt succeeds).
     */
    public void giveBack(String key) {
        Bucket bucket = buckets.get(key);
        if (bucket != null) {
            bucket.giveBack(System.nanoTime());
        }
    }

    private final class Bucket {
        private double tokens;
        private long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        synchronized boolean take(long now) {
            refill(now);
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }

        synchronized void giveBack(long now) {
            refill(now);
            tokens = Math.min(burst, tokens + 1);
        }

        synchronized boolean fullAt(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            tokens = Math.min(burst, tokens + (now - updated) / 1e9 * perSecond);
            updated = now;
        }
    }
}
