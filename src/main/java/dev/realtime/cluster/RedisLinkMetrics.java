package dev.realtime.cluster;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/** The state of this node's Redis link and what it carried, read from the node at each scrape. */
final class RedisLinkMetrics implements MeterBinder {

    private final RedisNode node;

    RedisLinkMetrics(RedisNode node) {
        this.node = node;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("realtime.cluster.redis.connected", node, linked -> linked.isConnected() ? 1 : 0)
                .description("1 while this node's connections to Redis are all up, else 0").register(registry);
        RedisTraffic traffic = node.traffic();
        FunctionCounter.builder("realtime.cluster.messages", traffic, RedisTraffic::publishedCount)
                .description("Messages on the cluster's Redis channels").tag("direction", "published")
                .register(registry);
        FunctionCounter.builder("realtime.cluster.messages", traffic, RedisTraffic::receivedCount)
                .description("Messages on the cluster's Redis channels").tag("direction", "received")
                .register(registry);
        FunctionCounter.builder("realtime.cluster.publish.failures", traffic, RedisTraffic::publishFailureCount)
                .description("Messages this node could not publish to Redis").register(registry);
    }
}
