package dev.realtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtime.socketio.ClusterRoomAdapterContract;
import dev.realtime.socketio.Namespace;
import dev.realtime.socketio.RoomAdapter;
import dev.realtime.socketio.SocketIoServer;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import tools.jackson.databind.json.JsonMapper;

/** The room adapter contract on two nodes in this JVM, each with its own link to the one real Redis. */
class RedisRoomAdapterIT extends ClusterRoomAdapterContract {

    private final String prefix = LocalRedis.uniquePrefix();
    private final List<RedisNode> nodes = new CopyOnWriteArrayList<>();

    @Override
    protected Function<Namespace, RoomAdapter> adapters() {
        LocalRedis.require();
        RedisURI uri = RedisURI.builder().withHost(LocalRedis.HOST).withPort(LocalRedis.PORT)
                .withTimeout(Duration.ofSeconds(2)).build();
        RedisNode node = new RedisNode(uri, prefix, Duration.ofSeconds(5), JsonMapper.builder().build()).start();
        nodes.add(node);
        return node.adapters();
    }

    @Override
    protected void awaitLinked(SocketIoServer a, SocketIoServer b) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(nodes).allMatch(RedisNode::isConnected);
            assertThat(nodes.get(0).subscribers(prefix + "-request#/#").get(5, TimeUnit.SECONDS)).isEqualTo(2);
        });
    }

    @AfterEach
    void closeNodes() {
        nodes.forEach(RedisNode::close);
    }
}
