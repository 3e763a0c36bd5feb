package dev.realtime.cluster;

import dev.realtime.typing.InMemoryTypingStore;
import dev.realtime.typing.TypingProperties;
import dev.realtime.typing.TypingStore;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses the typing store by {@code realtime.cluster.mode}, as {@link ClusterConfiguration} does the rooms. */
@Configuration(proxyBeanMethods = false)
class TypingStoreConfiguration {

    /** Most expired entries one sweep takes: bounds the work of a round and the size of its answer. */
    static final int SWEEP_LIMIT = 500;

    @Bean
    @ConditionalOnProperty(name = "realtime.cluster.mode", havingValue = "memory", matchIfMissing = true)
    TypingStore inMemoryTypingStore(ScheduledExecutorService realtimeTimer, TypingProperties typing) {
        return new InMemoryTypingStore(realtimeTimer, typing.timeout());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "realtime.cluster.mode", havingValue = "redis")
    TypingStore redisTypingStore(RedisNode node, TypingProperties typing) {
        return new RedisTypingStore(node, typing.timeout(), sweepInterval(typing.timeout()), SWEEP_LIMIT);
    }

    /** A tenth of the timeout, so a stop comes at most that late, within 50 ms..500 ms to keep Redis calm. */
    static Duration sweepInterval(Duration timeout) {
        Duration tenth = timeout.dividedBy(10);
        Duration floor = Duration.ofMillis(50);
        Duration ceiling = Duration.ofMillis(500);
        return tenth.compareTo(floor) < 0 ? floor : tenth.compareTo(ceiling) > 0 ? ceiling : tenth;
    }
}
