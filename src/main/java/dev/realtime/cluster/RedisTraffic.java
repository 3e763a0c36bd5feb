package dev.realtime.cluster;

import java.util.concurrent.atomic.LongAdder;

/** What one node's link to Redis carried since it started, for monitoring: cheap to count on Lettuce's threads. */
final class RedisTraffic {

    private final LongAdder published = new LongAdder();
    private final LongAdder publishFailures = new LongAdder();
    private final LongAdder received = new LongAdder();

    void published() {
        published.increment();
    }

    void publishFailed() {
        publishFailures.increment();
    }

    void received() {
        received.increment();
    }

    /** Messages published to the other nodes (broadcasts, requests, responses), failed ones included. */
    long publishedCount() {
        return published.sum();
    }

    /** Messages that could not be published (Redis unreachable, or it refused or timed out). */
    long publishFailureCount() {
        return publishFailures.sum();
    }

    /** Messages received on this node's channels, its own echoes included. */
    long receivedCount() {
        return received.sum();
    }
}
