package dev.realtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.presence.InMemoryPresenceStore;
import dev.realtime.presence.PresenceStore;
import dev.realtime.socketio.InMemoryRoomAdapter;
import dev.realtime.socketio.SocketIoServer;
import dev.realtime.socketio.SocketIoOptions;
import dev.realtime.system.RoomAdapters;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.json.JsonMapper;

class ClusterConfigurationTest {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withUserConfiguration(ClusterConfiguration.class, Properties.class)
            .withBean(JsonMapper.class, () -> JsonMapper.builder().build());

    @Test
    void modeUnset_inMemoryAdaptersAndPresenceAndNoRedisClient() {
        contexts.run(context -> {
            assertThat(context).hasSingleBean(RoomAdapters.class).doesNotHaveBean(RedisNode.class);
            assertThat(context).getBean(PresenceStore.class).isInstanceOf(InMemoryPresenceStore.class);
            SocketIoServer server = new SocketIoServer(SocketIoOptions.defaults(), JsonMapper.builder().build(),
                    context.getBean(RoomAdapters.class).factory());
            assertThat(server.sockets().adapter()).isInstanceOf(InMemoryRoomAdapter.class);
        });
    }

    @Test
    void modeRedis_redisAdaptersAndPresenceWithTheSpringDataRedisAddress() {
        contexts.withPropertyValues("realtime.cluster.mode=redis", "realtime.cluster.prefix=" + LocalRedis.uniquePrefix(),
                "spring.data.redis.host=127.0.0.1", "spring.data.redis.port=1").run(context -> {
                    assertThat(context).hasSingleBean(RedisNode.class).hasSingleBean(RoomAdapters.class);
                    assertThat(context).getBean(PresenceStore.class).isInstanceOf(RedisPresenceStore.class);
                    SocketIoServer server = new SocketIoServer(SocketIoOptions.defaults(),
                            JsonMapper.builder().build(), context.getBean(RoomAdapters.class).factory());
                    assertThat(server.sockets().adapter()).isInstanceOf(RedisRoomAdapter.class);
                    assertThat(context.getBean(RedisNode.class).isConnected()).isFalse();
                });
    }

    @EnableConfigurationProperties(ClusterProperties.class)
    static class Properties {
    }
}
