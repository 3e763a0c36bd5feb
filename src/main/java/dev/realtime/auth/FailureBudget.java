package dev.realtime.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failed password attempts per key (a client address), as a token bucket in this process. An attempt takes a
 * token when it starts, so a burst of concurrent attempts cannot overdraw the bucket, and a success gives it back:
 * only failures spend the budget, so many people logging in from behind one NAT are not refused for being many.
 * Keys whose bucket has refilled are dropped now and then, so the map holds recently failing clients only.
 */
final class FailureBudget {

    private static final int SWEEP_EVERY = 10_000;

    private final double perSecond;
    private final int burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();

    FailureBudget(double perSecond, int burst) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a failure budget needs a positive refill and a burst of at least 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
    }

    /** Takes a token for an attempt about to start; false when the key has failed too often lately. */
    boolean tryStart(String key) {
        long now = System.nanoTime();
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
            buckets.values().removeIf(bucket -> bucket.fullAt(now));
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(now)).take(now);
    }

    /** The attempt succeeded: its token goes back. */
    void succeeded(String key) {
        Bucket bucket = buckets.get(key);
        if (bucket != null) {
            bucket.giveBack(System.nanoTime());
        }
    }

    private final class Bucket {
        private double tokens = burst;
        private long updated;

        Bucket(long now) {
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
