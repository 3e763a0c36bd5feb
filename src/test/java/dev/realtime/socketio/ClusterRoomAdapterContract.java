package dev.realtime.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BinaryNode;

/**
 * What a {@link RoomAdapter} promises across nodes: a broadcast or an operation made on node A reaches the
 * sockets of node B too, once. With one node (in memory) B is A, and the same tests show that A applies each
 * operation to its own sockets exactly once.
 */
public abstract class ClusterRoomAdapterContract extends RoomAdapterContract {

    @Test
    void broadcast_fromNodeA_reachesMembersOnEveryNodeOnceWithOneEncodingPerNode() {
        Member a = connect();
        Member b1 = connect(peer);
        Member b2 = connect(peer);
        Member outsider = connect(peer);
        List.of(a, b1, b2).forEach(member -> join(member, "room"));

        adapter.broadcast(event("news").to(to("room")));
        adapter.broadcast(event("marker").to(to("room")));

        for (Member member : List.of(a, b1, b2)) {
            eventually().untilAsserted(() -> assertThat(member.client().messages())
                    .containsExactly("2[\"news\"]", "2[\"marker\"]"));
        }
        assertThat(b1.client().writes().get(0)).isSameAs(b2.client().writes().get(0));
        assertThat(outsider.client().writes()).isEmpty();
    }

    @Test
    void broadcast_withBinary_otherNodeSendsItAsAttachment() {
        Member b = connect(peer);
        ArrayNode data = server.sockets().eventData("file", BinaryNode.valueOf(new byte[] {1, 2, 3}));

        adapter.broadcast(new Broadcast(data, to(b.id()), BroadcastFlags.NONE, server.sockets().encodeBroadcast(data)));

        eventually().untilAsserted(() -> {
            assertThat(b.client().messages()).containsExactly("51-[\"file\",{\"_placeholder\":true,\"num\":0}]");
            assertThat(b.client().binaries()).containsExactly(new byte[] {1, 2, 3});
        });
    }

    @Test
    void broadcast_exceptRoom_leavesOutItsMembersOnEveryNode() {
        Member a = connect();
        Member muted = connect(peer);
        Member b = connect(peer);
        join(muted, "muted");

        adapter.broadcast(event("news").to(new BroadcastTarget(Set.of(), Set.of("muted"))));
        adapter.broadcast(event("marker").to(to(muted.id())));

        eventually().untilAsserted(() -> {
            assertThat(a.client().messages()).containsExactly("2[\"news\"]");
            assertThat(b.client().messages()).containsExactly("2[\"news\"]");
            assertThat(muted.client().messages()).containsExactly("2[\"marker\"]");
        });
    }

    @Test
    void socketsJoin_fromNodeA_joinsTheTargetsSocketsOnEveryNode() {
        Member a = connect();
        Member b = connect(peer);
        Member other = connect(peer);
        join(a, "user:1");
        join(b, "user:1");

        adapter.socketsJoin(to("user:1"), Set.of("chat:9"));

        eventually().untilAsserted(() -> {
            assertThat(server.sockets().adapter().rooms(a.id())).contains("chat:9");
            assertThat(peer.sockets().adapter().rooms(b.id())).contains("chat:9");
        });
        assertThat(peer.sockets().adapter().rooms(other.id())).doesNotContain("chat:9");
    }

    @Test
    void socketsLeave_fromNodeA_takesTheTargetsSocketsOutOnEveryNode() {
        Member a = connect();
        Member b = connect(peer);
        Member stays = connect(peer);
        join(a, "user:1", "chat:9");
        join(b, "user:1", "chat:9");
        join(stays, "chat:9");

        adapter.socketsLeave(to("user:1"), Set.of("chat:9"));

        eventually().untilAsserted(() -> {
            assertThat(server.sockets().adapter().rooms(a.id())).doesNotContain("chat:9");
            assertThat(peer.sockets().adapter().rooms(b.id())).containsExactlyInAnyOrder(b.id(), "user:1");
        });
        assertThat(peer.sockets().adapter().rooms(stays.id())).contains("chat:9");
    }

    @Test
    void disconnectSockets_fromNodeA_disconnectsTheTargetsSocketsOnEveryNode() {
        Member a = connect();
        Member b = connect(peer);
        Member stays = connect(peer);
        join(a, "user:1");
        join(b, "user:1");

        adapter.disconnectSockets(to("user:1"), false);

        eventually().untilAsserted(() -> {
            assertThat(a.client().messages()).containsExactly("1");
            assertThat(b.client().messages()).containsExactly("1");
        });
        assertThat(peer.sockets().socket(b.id())).isNull();
        assertThat(peer.sockets().socket(stays.id())).isNotNull();
        assertThat(b.client().isClosed()).isFalse();
    }

    @Test
    void disconnectSockets_withClose_closesTheConnectionsOnEveryNode() {
        Member b = connect(peer);

        adapter.disconnectSockets(to(b.id()), true);

        eventually().untilAsserted(() -> assertThat(b.client().isClosed()).isTrue());
    }

    @Test
    void fetchSockets_fromNodeA_answersTheTargetsSocketsOfEveryNode() throws Exception {
        Member a = connect();
        Member b = connect(peer);
        connect(peer);
        join(a, "room");
        join(b, "room");

        List<SocketDetails> found = adapter.fetchSockets(to("room")).get(10, TimeUnit.SECONDS);

        assertThat(found).extracting(SocketDetails::id).containsExactlyInAnyOrder(a.id(), b.id());
        SocketDetails remote = found.stream().filter(details -> details.id().equals(b.id())).findFirst().orElseThrow();
        assertThat(remote.rooms()).containsExactlyInAnyOrder(b.id(), "room");
        assertThat(remote.handshake().has("auth")).isTrue();
        assertThat(remote.handshake().path("issued").isNumber()).isTrue();
    }

    @Test
    void allRooms_fromNodeA_answersTheRoomsOfEveryNode() throws Exception {
        Member a = connect();
        Member b = connect(peer);
        join(a, "r1");
        join(b, "r2");

        Set<String> rooms = adapter.allRooms().get(10, TimeUnit.SECONDS);

        assertThat(rooms).containsExactlyInAnyOrder(a.id(), b.id(), "r1", "r2");
    }

    @Test
    void serverSideEmit_fromNodeA_reachesTheOtherNodesListenersOnly() {
        List<List<JsonNode>> heardOnA = new CopyOnWriteArrayList<>();
        List<String> heardOnB = new CopyOnWriteArrayList<>();
        server.sockets().onServerSideEmit((event, args) -> heardOnA.add(args));
        if (!clustered()) {
            // One node: no other node to reach, and a node never hears its own (the call returns having done it).
            server.sockets().serverSideEmit("note", 1, "two");
            assertThat(heardOnA).isEmpty();
            return;
        }
        peer.sockets().onServerSideEmit((event, args) -> heardOnB.add(event + args));

        server.sockets().serverSideEmit("note", 1, "two");
        eventually().untilAsserted(() -> assertThat(heardOnB).containsExactly("note[1, \"two\"]"));
        peer.sockets().serverSideEmit("marker");

        eventually().untilAsserted(() -> assertThat(heardOnA).hasSize(1));
        assertThat(heardOnA.get(0)).isEmpty();
    }

    private static void join(Member member, String... rooms) {
        Socket socket = member.node().sockets().socket(member.id());
        for (String room : rooms) {
            socket.join(room);
        }
    }
}
