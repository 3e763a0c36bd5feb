package dev.realtime.cluster;

import dev.realtime.typing.InMemoryTypingStore;
import dev.realtime.typing.TypingProperties;
import dev.realtime.typing.TypingStore;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses the typing store by {@code realtime.cluster.mode}, as {@link ClusterConfiguration} does the rooms. */
@Configuration(proxyBeanMethods = false)
class TypingStoreConfiguration {

    @Bean
    @ConditionalOnProperty(name = "realtime.cluster.mode", havingValue = "memory", matchIfMissing = true)
    TypingStore inMemoryTypingStore(ScheduledExecutorService realtimeTimer, TypingProperties typing) {
        return new InMemoryTypingStore(realtimeTimer, typing.timeout());
    }
}
