package dev.realtime.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtime.cluster.LocalRedis;
import dev.realtime.cluster.RedisNode;
import dev.realtime.socketio.FakeClient;
import dev.realtime.socketio.SocketIoOptions;
import dev.realtime.socketio.SocketIoServer;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** A chat room change made on node A reaches the user's socket on node B (two nodes on the local Redis). */
class RealtimeServiceClusterIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String prefix = LocalRedis.uniquePrefix();
    private RedisNode nodeA;
    private RedisNode nodeB;
    private SocketIoServer serverA;
    private SocketIoServer serverB;

    @BeforeEach
    void start() {
        LocalRedis.require();
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
    }

    @Test
    void leaveChatRoom_onNodeA_takesTheUsersSocketOnNodeBOutOfTheRoom() {
        RealtimeService serviceOnA = new RealtimeService(serverA);
        String socketOnB = FakeClient.connected(serverB).socketId();
        serverB.sockets().socket(socketOnB).join(RealtimeService.userRoom("u1"));
        serverB.sockets().socket(socketOnB).join(RealtimeService.chatRoom("c1"));
        assertThat(serverB.sockets().adapter().rooms(socketOnB)).contains(RealtimeService.chatRoom("c1"));

        // Repeated until the nodes are linked: leaving twice changes nothing, and nothing else takes the socket out.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            serviceOnA.leaveChatRoom("u1", "c1");
            assertThat(serverB.sockets().adapter().rooms(socketOnB)).doesNotContain(RealtimeService.chatRoom("c1"));
        });
        assertThat(serverB.sockets().adapter().rooms(socketOnB)).contains(RealtimeService.userRoom("u1"));
    }

    @Test
    void disconnectUser_onNodeA_disconnectsTheUsersSocketsOnBothNodesOnly() {
        RealtimeService serviceOnA = new RealtimeService(serverA);
        FakeClient userOnA = FakeClient.connected(serverA);
        FakeClient userOnB = FakeClient.connected(serverB);
        FakeClient otherOnB = FakeClient.connected(serverB);
        serverA.sockets().socket(userOnA.socketId()).join(RealtimeService.userRoom("u1"));
        serverB.sockets().socket(userOnB.socketId()).join(RealtimeService.userRoom("u1"));
        serverB.sockets().socket(otherOnB.socketId()).join(RealtimeService.userRoom("u2"));
        awaitLinked(serviceOnA);

        serviceOnA.disconnectUser("u1");

        await().untilAsserted(() -> {
            assertThat(serverA.sockets().socket(userOnA.socketId())).isNull();
            assertThat(serverB.sockets().socket(userOnB.socketId())).isNull();
        });
        assertThat(userOnB.messages()).contains("1");
        assertThat(serverB.sockets().socket(otherOnB.socketId())).isNotNull();
    }

    /** Returns once node B hears what node A sends to the cluster. */
    private void awaitLinked(RealtimeService serviceOnA) {
        List<String> heard = new CopyOnWriteArrayList<>();
        new RealtimeService(serverB).onClusterEvent((event, args) -> heard.add(event));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            serviceOnA.emitToCluster("link-check");
            return !heard.isEmpty();
        });
    }

    @Test
    void emitToCluster_onNodeA_heardByNodeBOnly() {
        RealtimeService serviceOnA = new RealtimeService(serverA);
        RealtimeService serviceOnB = new RealtimeService(serverB);
        List<String> heardOnA = new CopyOnWriteArrayList<>();
        List<String> heardOnB = new CopyOnWriteArrayList<>();
        serviceOnA.onClusterEvent((event, args) -> heardOnA.add(event + " " + args.get(0).asString()));
        serviceOnB.onClusterEvent((event, args) -> heardOnB.add(event + " " + args.get(0).asString()));

        // Repeated until the nodes are linked; the marker then shows nothing else came.
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            serviceOnA.emitToCluster("members-changed", "c1");
            return !heardOnB.isEmpty();
        });
        // Order per sender: once this arrives, every c1 sent while linking has arrived too.
        serviceOnA.emitToCluster("linked", "yes");
        await().until(() -> heardOnB.contains("linked yes"));
        heardOnB.clear();
        serviceOnA.emitToCluster("members-changed", "c2");
        serviceOnA.emitToCluster("marker", "end");

        await().until(() -> heardOnB.contains("marker end"));
        assertThat(heardOnB).containsExactly("members-changed c2", "marker end");
        assertThat(heardOnA).isEmpty();
    }

    private RedisNode node() {
        RedisURI uri = RedisURI.builder().withHost(LocalRedis.HOST).withPort(LocalRedis.PORT)
                .withTimeout(Duration.ofSeconds(2)).build();
        return new RedisNode(uri, prefix, Duration.ofSeconds(5), JSON).start();
    }
}
