package dev.realtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.typing.InMemoryTypingStore;
import dev.realtime.typing.TypingProperties;
import dev.realtime.typing.TypingStore;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.json.JsonMapper;

class TypingStoreConfigurationTest {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withUserConfiguration(ClusterConfiguration.class, TypingStoreConfiguration.class, Properties.class)
            .withBean(JsonMapper.class, () -> JsonMapper.builder().build())
            .withBean(ScheduledExecutorService.class, Executors::newSingleThreadScheduledExecutor);

    @Test
    void modeUnset_inMemoryStoreAndNoRedisClient() {
        contexts.run(context -> {
            assertThat(context).hasSingleBean(TypingStore.class).doesNotHaveBean(RedisNode.class);
            assertThat(context.getBean(TypingStore.class)).isInstanceOf(InMemoryTypingStore.class);
        });
    }

    @Test
    void modeRedis_redisStoreOnTheClusterNode() {
        contexts.withPropertyValues("realtime.cluster.mode=redis", "realtime.cluster.prefix=" + LocalRedis.uniquePrefix(),
                "spring.data.redis.host=127.0.0.1", "spring.data.redis.port=1").run(context -> {
                    assertThat(context).hasSingleBean(TypingStore.class).hasSingleBean(RedisNode.class);
                    assertThat(context.getBean(TypingStore.class)).isInstanceOf(RedisTypingStore.class);
                });
    }

    @Test
    void sweepInterval_aTenthOfTheTimeoutWithinBounds() {
        assertThat(TypingStoreConfiguration.sweepInterval(Duration.ofSeconds(6))).isEqualTo(Duration.ofMillis(500));
        assertThat(TypingStoreConfiguration.sweepInterval(Duration.ofSeconds(2))).isEqualTo(Duration.ofMillis(200));
        assertThat(TypingStoreConfiguration.sweepInterval(Duration.ofMillis(100))).isEqualTo(Duration.ofMillis(50));
    }

    @EnableConfigurationProperties({ClusterProperties.class, TypingProperties.class})
    static class Properties {
    }
}
