package dev.realtime.cluster;

import dev.realtime.presence.InMemoryPresenceStore;
import dev.realtime.presence.PresenceStore;
import dev.realtime.socketio.InMemoryRoomAdapter;
import dev.realtime.system.RoomAdapters;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chooses the room adapters and the presence store by {@code realtime.cluster.mode}. Spring Boot's own Redis auto-configuration is
 * excluded (application.yml) so that in memory mode nothing touches Redis; in redis mode this builds the client from
 * the same {@code spring.data.redis.*} properties.
 */
@Configuration(proxyBeanMethods = false)
class ClusterConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "realtime.cluster.mode", havingValue = "memory", matchIfMissing = true)
    static class Memory {

        @Bean
        RoomAdapters inMemoryRoomAdapters() {
            return new RoomAdapters(InMemoryRoomAdapter::new);
        }

        @Bean
        PresenceStore inMemoryPresenceStore() {
            return new InMemoryPresenceStore();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "realtime.cluster.mode", havingValue = "redis")
    @EnableConfigurationProperties(DataRedisProperties.class)
    static class Redis {

        /** Within a readiness probe's usual one-second timeout. */
        private static final Duration HEALTH_TIMEOUT = Duration.ofMillis(800);

        @Bean(destroyMethod = "close")
        RedisNode redisNode(ClusterProperties cluster, DataRedisProperties redis, JsonMapper mapper) {
            RedisURI uri = uri(redis);
            // Lettuce's default of 60 s would let one stalled connection attempt hold off the retries that long.
            if (redis.getConnectTimeout() == null && redis.getTimeout() == null) {
                uri.setTimeout(cluster.requestTimeout());
            }
            return new RedisNode(uri, cluster.prefix(), cluster.requestTimeout(), mapper).start();
        }

        /** Named so that its health is "redis": part of the readiness group (application.yml). */
        @Bean
        RedisHealthIndicator redisHealthIndicator(RedisNode node) {
            return new RedisHealthIndicator(node, HEALTH_TIMEOUT);
        }

        @Bean
        RedisLinkMetrics redisLinkMetrics(RedisNode node) {
            return new RedisLinkMetrics(node);
        }

        @Bean
        RoomAdapters redisRoomAdapters(RedisNode node) {
            return new RoomAdapters(node.adapters());
        }

        @Bean(destroyMethod = "close")
        RedisPresenceStore redisPresenceStore(RedisNode node, ClusterProperties cluster) {
            return new RedisPresenceStore(node, cluster.nodeTimeout());
        }

        private static RedisURI uri(DataRedisProperties redis) {
            RedisURI uri = redis.getUrl() != null
                    ? RedisURI.create(redis.getUrl())
                    : RedisURI.create(redis.getHost(), redis.getPort());
            if (redis.getUrl() == null) {
                if (redis.getUsername() != null) {
                    uri.setUsername(redis.getUsername());
                }
                if (redis.getPassword() != null) {
                    uri.setPassword(redis.getPassword());
                }
                uri.setDatabase(redis.getDatabase());
                uri.setSsl(redis.getSsl().isEnabled());
            }
            Duration timeout = redis.getConnectTimeout() != null ? redis.getConnectTimeout() : redis.getTimeout();
            if (timeout != null) {
                uri.setTimeout(timeout);
            }
            if (redis.getClientName() != null) {
                uri.setClientName(redis.getClientName());
            }
            return uri;
        }
    }
}
