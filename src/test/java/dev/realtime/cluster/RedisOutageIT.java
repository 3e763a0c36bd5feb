package dev.realtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

import dev.realtime.socketio.BroadcastTarget;
import dev.realtime.socketio.FakeClient;
import dev.realtime.socketio.SocketIoOptions;
import dev.realtime.socketio.SocketIoServer;
import dev.realtime.testing.RedisServerProcess;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two nodes on a Redis of their own, started by the test and killed under them: local delivery goes on, nothing
 * is kept for later, and the nodes link up again by themselves once Redis is back.
 */
class RedisOutageIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String prefix = LocalRedis.uniquePrefix();
    private RedisServerProcess redis;
    private RedisNode nodeA;
    private RedisNode nodeB;
    private SocketIoServer serverA;
    private SocketIoServer serverB;

    @BeforeEach
    void start() {
        redis = RedisServerProcess.start();
        nodeA = node();
        nodeB = node();
        serverA = new SocketIoServer(SocketIoOptions.defaults(), JSON, nodeA.adapters());
        serverB = new SocketIoServer(SocketIoOptions.defaults(), JSON, nodeB.adapters());
    }

    @AfterEach
    void stop() {
        serverA.close();
        serverB.close();
        nodeA.close();
        nodeB.close();
        redis.close();
    }

    @Test
    void redisDown_localDeliveryGoesOnAndNodesRelinkWhenItIsBack() throws Exception {
        FakeClient a = FakeClient.connected(serverA);
        FakeClient b = FakeClient.connected(serverB);
        awaitLinked();
        serverA.sockets().emit("before");
        await().untilAsserted(() -> assertThat(b.messages()).containsExactly("2[\"before\"]"));

        redis.kill();
        await().untilAsserted(() -> assertThat(nodeA.isConnected() || nodeB.isConnected()).isFalse());
        assertThatNoException().isThrownBy(() -> serverA.sockets().emit("during"));

        assertThat(a.messages()).containsExactly("2[\"before\"]", "2[\"during\"]");
        assertThat(serverA.sockets().adapter().fetchSockets(new BroadcastTarget(Set.of(), Set.of())))
                .failsWithin(Duration.ofSeconds(10));
        redis.restart();
        awaitLinked();
        serverA.sockets().emit("after");
        await().untilAsserted(() -> assertThat(b.messages()).containsExactly("2[\"before\"]", "2[\"after\"]"));
    }

    private RedisNode node() {
        RedisURI uri = RedisURI.builder().withHost("127.0.0.1").withPort(redis.port()).withTimeout(Duration.ofSeconds(2))
                .build();
        return new RedisNode(uri, prefix, Duration.ofSeconds(5), JSON).start();
    }

    private void awaitLinked() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(List.of(nodeA, nodeB)).allMatch(RedisNode::isConnected);
            assertThat(nodeA.subscribers(prefix + "-request#/#").get(5, TimeUnit.SECONDS)).isEqualTo(2);
        });
    }
}
