package dev.realtime.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

import dev.realtime.engineio.EnginePacket;
import java.time.Duration;
import dev.realtime.testing.ExpectedLog;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * What every {@link RoomAdapter} promises on one node, run against real sockets of node A while a node B shares
 * its cluster (for an in-memory adapter B is A). {@link ClusterRoomAdapterContract} adds what spans the nodes.
 * A cluster adapter must still deliver to a local socket exactly once.
 */
public abstract class RoomAdapterContract {

    protected SocketIoServer server;
    protected RoomAdapter adapter;
    protected SocketIoServer peer;

    /** Makes the adapter under test for each namespace of one node; called once per node. */
    protected abstract Function<Namespace, RoomAdapter> adapters();

    /** False when there is only one node: then node B is node A. */
    protected boolean clustered() {
        return true;
    }

    /** Waits until the nodes hear each other. */
    protected void awaitLinked(SocketIoServer a, SocketIoServer b) {
    }

    @BeforeEach
    void startServer() {
        server = new SocketIoServer(SocketIoOptions.defaults(), JsonMapper.builder().build(), adapters());
        adapter = server.sockets().adapter();
        peer = clustered()
                ? new SocketIoServer(SocketIoOptions.defaults(), JsonMapper.builder().build(), adapters())
                : server;
        awaitLinked(server, peer);
    }

    @AfterEach
    void stopServer() {
        server.close();
        peer.close();
    }

    @Test
    void join_newSocket_isInItsOwnRoom() {
        Member a = connect();

        Set<String> rooms = adapter.rooms(a.id());

        assertThat(rooms).containsExactly(a.id());
    }

    @Test
    void join_sameRoomTwice_socketIsInItOnce() {
        Member a = connect();

        adapter.join(a.id(), Set.of("room"));
        adapter.join(a.id(), Set.of("room"));

        assertThat(adapter.rooms(a.id())).containsExactlyInAnyOrder(a.id(), "room");
        assertThat(adapter.sockets(to("room"))).containsExactly(a.id());
    }

    @Test
    void join_severalRoomsAtOnce_socketIsInEach() {
        Member a = connect();

        adapter.join(a.id(), Set.of("r1", "r2"));

        assertThat(adapter.rooms(a.id())).containsExactlyInAnyOrder(a.id(), "r1", "r2");
    }

    @Test
    void leave_twice_secondChangesNothing() {
        Member a = connect();
        adapter.join(a.id(), Set.of("r1", "r2"));

        adapter.leave(a.id(), "r1");
        adapter.leave(a.id(), "r1");

        assertThat(adapter.rooms(a.id())).containsExactlyInAnyOrder(a.id(), "r2");
        assertThat(adapter.sockets(to("r1"))).isEmpty();
    }

    @Test
    void leave_roomNeverJoined_changesNothing() {
        Member a = connect();

        adapter.leave(a.id(), "elsewhere");

        assertThat(adapter.rooms(a.id())).containsExactly(a.id());
    }

    @Test
    void leaveAll_twice_socketInNoRoomAndReachedByNoTarget() {
        Member a = connect();
        Member b = connect();
        adapter.join(a.id(), Set.of("room"));
        adapter.join(b.id(), Set.of("room"));

        adapter.leaveAll(a.id());
        adapter.leaveAll(a.id());

        assertThat(adapter.rooms(a.id())).isEmpty();
        assertThat(adapter.sockets(to("room"))).containsExactly(b.id());
        assertThat(adapter.sockets(to(a.id()))).isEmpty();
    }

    @Test
    void rooms_laterJoin_earlierSnapshotUnchanged() {
        Member a = connect();
        Set<String> before = adapter.rooms(a.id());

        adapter.join(a.id(), Set.of("room"));

        assertThat(before).containsExactly(a.id());
    }

    @Test
    void rooms_unknownSocket_empty() {
        assertThat(adapter.rooms("nobody")).isEmpty();
    }

    @Test
    void sockets_severalRooms_unionOfTheirMembers() {
        Member a = connect();
        Member b = connect();
        Member c = connect();
        adapter.join(a.id(), Set.of("r1"));
        adapter.join(b.id(), Set.of("r1", "r2"));
        adapter.join(c.id(), Set.of("r3"));

        Set<String> ids = adapter.sockets(new BroadcastTarget(Set.of("r1", "r2"), Set.of()));

        assertThat(ids).containsExactlyInAnyOrder(a.id(), b.id());
    }

    @Test
    void sockets_exceptRooms_leavesOutTheirMembers() {
        Member a = connect();
        Member b = connect();
        Member c = connect();
        adapter.join(a.id(), Set.of("r1", "muted"));
        adapter.join(b.id(), Set.of("r1"));
        adapter.join(c.id(), Set.of("r2"));

        Set<String> ids = adapter.sockets(new BroadcastTarget(Set.of("r1", "r2"), Set.of("muted", c.id())));

        assertThat(ids).containsExactly(b.id());
    }

    @Test
    void sockets_noRooms_everySocketOfTheNamespace() {
        Member a = connect();
        Member b = connect();
        Member c = connect();

        Set<String> ids = adapter.sockets(new BroadcastTarget(Set.of(), Set.of()));

        assertThat(ids).containsExactlyInAnyOrder(a.id(), b.id(), c.id());
    }

    @Test
    void sockets_noRoomsExceptOne_everySocketButItsMembers() {
        Member a = connect();
        Member b = connect();
        Member c = connect();
        adapter.join(a.id(), Set.of("muted"));

        Set<String> ids = adapter.sockets(new BroadcastTarget(Set.of(), Set.of("muted", b.id())));

        assertThat(ids).containsExactly(c.id());
    }

    @Test
    void sockets_unknownRoom_empty() {
        connect();

        assertThat(adapter.sockets(to("nowhere"))).isEmpty();
    }

    @Test
    void sockets_laterJoin_earlierSnapshotUnchanged() {
        Member a = connect();
        Member b = connect();
        adapter.join(a.id(), Set.of("room"));
        Set<String> before = adapter.sockets(to("room"));

        adapter.join(b.id(), Set.of("room"));

        assertThat(before).containsExactly(a.id());
    }

    @Test
    void broadcast_toRoom_eachMemberGetsTheSamePacketListOnce() {
        Member a = connect();
        Member b = connect();
        Member outsider = connect();
        adapter.join(a.id(), Set.of("room", "other"));
        adapter.join(b.id(), Set.of("room"));
        Pending packets = event("news");

        adapter.broadcast(packets.to(new BroadcastTarget(Set.of("room", "other"), Set.of())));

        eventually().untilAsserted(() -> {
            assertThat(a.client().writes()).singleElement().isSameAs(packets.packets());
            assertThat(b.client().writes()).singleElement().isSameAs(packets.packets());
        });
        assertThat(outsider.client().writes()).isEmpty();
    }

    @Test
    void broadcast_exceptRoom_skipsItsMembers() {
        Member a = connect();
        Member b = connect();
        adapter.join(a.id(), Set.of("room"));
        adapter.join(b.id(), Set.of("room", "muted"));
        Pending packets = event("news");

        adapter.broadcast(packets.to(new BroadcastTarget(Set.of("room"), Set.of("muted"))));

        eventually().untilAsserted(() -> assertThat(a.client().writes()).singleElement().isSameAs(packets.packets()));
        assertThat(b.client().writes()).isEmpty();
    }

    @Test
    void broadcast_toEveryone_reachesEachSocketOnce() {
        Member a = connect();
        Member b = connect();
        adapter.join(a.id(), Set.of("r1", "r2"));
        Pending packets = event("all");

        adapter.broadcast(packets.to(new BroadcastTarget(Set.of(), Set.of())));

        eventually().untilAsserted(() -> {
            assertThat(a.client().writes()).singleElement().isSameAs(packets.packets());
            assertThat(b.client().writes()).singleElement().isSameAs(packets.packets());
        });
    }

    @Test
    void broadcast_twoInARow_eachMemberGetsThemInSendOrder() {
        Member a = connect();
        adapter.join(a.id(), Set.of("room"));
        Pending first = event("first");
        Pending second = event("second");

        adapter.broadcast(first.to(to("room")));
        adapter.broadcast(second.to(to("room")));

        eventually().untilAsserted(() -> assertThat(a.client().writes()).containsExactly(first.packets(), second.packets()));
    }

    @Test
    void broadcast_oneRecipientFails_othersStillGetIt() {
        Member a = connect();
        Member failing = connect();
        Member c = connect();
        for (Member member : List.of(a, failing, c)) {
            adapter.join(member.id(), Set.of("room"));
        }
        failing.client().failWrites();
        Pending packets = event("news");

        try (ExpectedLog log = ExpectedLog.of(InMemoryRoomAdapter.class)) {
            assertThatNoException().isThrownBy(() -> adapter.broadcast(packets.to(to("room"))));

            eventually().untilAsserted(() -> {
                assertThat(a.client().writes()).singleElement().isSameAs(packets.packets());
                assertThat(c.client().writes()).singleElement().isSameAs(packets.packets());
                assertThat(log.lines()).singleElement().asString()
                        .contains(failing.id(), "simulated write failure");
            });
        }
    }

    protected Member connect() {
        return connect(server);
    }

    protected static Member connect(SocketIoServer node) {
        FakeClient client = FakeClient.connected(node);
        return new Member(client.socketId(), client, node);
    }

    /** An event for every socket, as node A encodes it; {@code to} narrows it. */
    protected Pending event(String name) {
        ArrayNode data = server.sockets().eventData(name);
        return new Pending(data, List.copyOf(server.sockets().encodeBroadcast(data)));
    }

    /** Delivery may be asynchronous in some implementations; checked at once and then often. */
    protected static ConditionFactory eventually() {
        return await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(5));
    }

    protected static BroadcastTarget to(String room) {
        return new BroadcastTarget(Set.of(room), Set.of());
    }

    protected record Member(String id, FakeClient client, SocketIoServer node) {
    }

    /** A broadcast's data and node A's encoding of it, still without a target. */
    protected record Pending(ArrayNode data, List<EnginePacket> packets) {
        Broadcast to(BroadcastTarget target) {
            return new Broadcast(data, target, BroadcastFlags.NONE, packets);
        }
    }
}
