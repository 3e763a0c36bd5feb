package dev.realtime.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.realtime.engineio.CloseStatus;
import dev.realtime.engineio.EnginePacket;

import dev.realtime.testing.ExpectedLog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A client joining namespaces over a fake WebSocket: handshake, middleware, connect timeout, bad input. */
class SocketIoServerTest {

    private static final Duration SHORT_CONNECT_TIMEOUT = Duration.ofMillis(100);

    private final JsonMapper mapper = JsonMapper.builder().build();
    private SocketIoServer server = SocketIoServer.inMemory(SocketIoOptions.defaults(), mapper);

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void connect_mainNamespace_answersSidOtherThanEngineSid() {
        FakeClient client = FakeClient.open(server);

        client.sendPacket("0");

        assertThat(client.messages()).singleElement().asString().startsWith("0{\"sid\":\"");
        JsonNode answer = mapper.readTree(client.messages().get(0).substring(1));
        assertThat(answer.propertyNames()).containsExactly("sid");
        String sid = answer.get("sid").asString();
        assertThat(sid).isNotBlank().isNotEqualTo(client.engineSid());
        assertThat(server.sockets().socket(sid)).isNotNull();
    }

    @Test
    void connect_withAuth_handshakeCarriesIt() {
        AtomicReference<Socket> connected = new AtomicReference<>();
        server.sockets().onConnection(connected::set);
        FakeClient client = FakeClient.open(server);

        client.sendPacket("0{\"token\":\"123\"}");

        assertThat(connected.get().handshake().auth()).isEqualTo(mapper.readTree("{\"token\":\"123\"}"));
        assertThat(connected.get().isConnected()).isTrue();
    }

    @Test
    void connect_customNamespace_answersWithNamespacePrefix() {
        server.of("/custom");
        FakeClient client = FakeClient.open(server);

        String sid = client.connect("/custom");

        assertThat(client.messages()).singleElement().asString().startsWith("0/custom,{\"sid\":");
        assertThat(server.of("/custom").socket(sid)).isNotNull();
        assertThat(server.sockets().sockets()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0/x", "0/x,"})
    void connect_unknownNamespace_answersInvalidNamespace(String connect) {
        FakeClient client = FakeClient.open(server);

        client.sendPacket(connect);

        assertThat(client.messages()).containsExactly("4/x,{\"message\":\"Invalid namespace\"}");
        assertThat(client.isClosed()).isFalse();
    }

    @Test
    void connect_middlewareRejects_answersConnectErrorAndNeverAddsSocket() {
        List<Socket> connected = new CopyOnWriteArrayList<>();
        server.sockets()
                .use((socket, next) -> next.reject(new ConnectError("not authorized", Map.of("code", 401))))
                .onConnection(connected::add);
        FakeClient client = FakeClient.open(server);

        client.sendPacket("0");

        assertThat(client.messages()).containsExactly("4{\"message\":\"not authorized\",\"data\":{\"code\":401}}");
        assertThat(server.sockets().sockets()).isEmpty();
        assertThat(connected).isEmpty();
    }

    @Test
    void connect_middlewareThrows_answersInternalError() {
        server.sockets().use((socket, next) -> {
            throw new IllegalStateException("broken check");
        });
        FakeClient client = FakeClient.open(server);

        try (ExpectedLog log = ExpectedLog.of(Namespace.class)) {
            client.sendPacket("0");

            assertThat(log.lines()).singleElement().asString().contains("middleware failed", "broken check");
        }
        assertThat(client.messages()).containsExactly("4{\"message\":\"internal error\"}");
        assertThat(server.sockets().sockets()).isEmpty();
    }

    @Test
    void connect_secondMiddlewareRejects_firstRanBeforeIt() {
        List<String> ran = new CopyOnWriteArrayList<>();
        server.sockets()
                .use((socket, next) -> {
                    ran.add("first");
                    next.proceed();
                })
                .use((socket, next) -> {
                    ran.add("second");
                    next.reject(ConnectError.of("banned"));
                });
        FakeClient client = FakeClient.open(server);

        client.sendPacket("0");

        assertThat(ran).containsExactly("first", "second");
        assertThat(client.messages()).containsExactly("4{\"message\":\"banned\"}");
    }

    @Test
    void connect_middlewareAnswersTwice_onlyFirstAnswerCounts() {
        server.sockets().use((socket, next) -> {
            next.proceed();
            next.reject(ConnectError.of("too late"));
        });
        FakeClient client = FakeClient.open(server);

        client.sendPacket("0");

        assertThat(client.messages()).singleElement().asString().startsWith("0{\"sid\"");
        assertThat(server.sockets().sockets()).hasSize(1);
    }

    @Test
    void connect_middlewareProceedsFromAnotherThread_connectsSocket() {
        AtomicReference<Middleware.Next> pending = new AtomicReference<>();
        server.sockets().use((socket, next) -> pending.set(next));
        FakeClient client = FakeClient.open(server);
        client.sendPacket("0");
        assertThat(client.messages()).isEmpty();

        CompletableFuture.runAsync(() -> pending.get().proceed());

        eventually().untilAsserted(() ->
                assertThat(client.messages()).singleElement().asString().startsWith("0{\"sid\""));
        assertThat(server.sockets().sockets()).hasSize(1);
    }

    @Test
    void connect_transportClosedWhileMiddlewarePending_socketNeverAdded() {
        AtomicReference<Middleware.Next> pending = new AtomicReference<>();
        List<Socket> connected = new CopyOnWriteArrayList<>();
        server.sockets().use((socket, next) -> pending.set(next)).onConnection(connected::add);
        FakeClient client = FakeClient.open(server);
        client.sendPacket("0");
        client.dropTransport();

        pending.get().proceed();

        assertThat(server.sockets().sockets()).isEmpty();
        assertThat(connected).isEmpty();
        assertThat(client.messages()).isEmpty();
    }

    @Test
    void transportClose_firesOnDisconnectWithTransportClose() {
        List<String> reasons = new CopyOnWriteArrayList<>();
        server.sockets().onDisconnect((socket, reason) -> reasons.add(reason));
        FakeClient client = FakeClient.connected(server);
        server.sockets().socket(client.socketId()).join("room");

        client.dropTransport();

        assertThat(reasons).containsExactly("transport close");
        assertThat(server.sockets().sockets()).isEmpty();
        assertThat(server.sockets().to("room").socketIds()).isEmpty();
    }

    @Test
    void binaryEvent_moreAttachmentsThanAllowed_closesConnection() {
        FakeClient client = FakeClient.connected(server);

        client.sendPacket("511-[\"upload\",{\"_placeholder\":true,\"num\":0}]");

        assertThat(client.closeStatus()).isEqualTo(CloseStatus.protocolError("too many attachments"));
    }

    @ParameterizedTest
    @MethodSource("malformedPackets")
    void malformedPacket_closesConnection(String packet) {
        List<String> reasons = new CopyOnWriteArrayList<>();
        server.sockets().onDisconnect((socket, reason) -> reasons.add(reason));
        FakeClient client = FakeClient.connected(server);

        client.sendPacket(packet);

        assertThat(client.closeStatus().code()).isEqualTo(1002);
        assertThat(client.closeStatus().reason()).isNotBlank();
        assertThat(reasons).hasSize(1);
    }

    static Stream<Arguments> malformedPackets() {
        return Stream.of(
                argumentSet("unknown packet type", "abc"),
                argumentSet("event payload not an array", "2{}"),
                argumentSet("ack id with letters", "2abc[\"message-with-ack\",1]"),
                argumentSet("reserved event name", "2[\"connect\"]"),
                argumentSet("connect error from a client", "4{\"message\":\"x\"}"),
                argumentSet("placeholder for a missing attachment", "50-[\"a\",{\"_placeholder\":true,\"num\":0}]"));
    }

    @Test
    void binaryEvent_textBeforeAllAttachments_closesConnection() {
        FakeClient client = FakeClient.connected(server);
        client.sendPacket("52-[\"upload\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        client.sendBinary(new byte[] {1});

        client.sendPacket("2[\"other\"]");

        assertThat(client.isClosed()).isTrue();
    }

    @Test
    void binaryMessage_notAnnounced_closesConnection() {
        FakeClient client = FakeClient.connected(server);

        client.sendBinary(new byte[] {1, 2});

        assertThat(client.isClosed()).isTrue();
    }

    @Test
    void connectTimeout_noConnectPacket_closesConnection() {
        useConnectTimeout(SHORT_CONNECT_TIMEOUT);

        FakeClient client = FakeClient.open(server);

        eventually().until(client::isClosed);
    }

    @Test
    void connectTimeout_onlyRefusedConnect_closesConnection() {
        useConnectTimeout(SHORT_CONNECT_TIMEOUT);
        FakeClient client = FakeClient.open(server);

        client.sendPacket("0/unknown,");

        eventually().until(client::isClosed);
    }

    @Test
    void connectTimeout_connectedInTime_connectionStaysOpen() throws Exception {
        useConnectTimeout(SHORT_CONNECT_TIMEOUT);
        FakeClient client = FakeClient.connected(server);

        // The timer runs its tasks one at a time in deadline order, so once a task due after the connect timeout
        // has run, the connect-timeout check has run too.
        server.engine().timer().schedule(() -> { }, SHORT_CONNECT_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS).get();

        assertThat(client.isClosed()).isFalse();
        assertThat(server.sockets().sockets()).hasSize(1);
    }

    @Test
    void connect_transportClosesWhileSocketIsAdded_socketRemovedAndToldOnce() {
        List<String> reasons = new CopyOnWriteArrayList<>();
        FakeClient[] client = new FakeClient[1];
        server.close();
        server = new SocketIoServer(SocketIoOptions.defaults(), mapper, namespace -> new DroppingAdapter(
                new InMemoryRoomAdapter(namespace), () -> client[0].dropTransport()));
        server.sockets().onDisconnect((socket, reason) -> reasons.add(reason));
        client[0] = FakeClient.open(server);

        client[0].sendPacket("0");

        assertThat(server.sockets().sockets()).isEmpty();
        assertThat(reasons).hasSizeLessThanOrEqualTo(1);
        assertThat(reasons).allMatch(reason -> reason.equals("transport close"));
    }

    /** Delegates to a real adapter, and drops the client's transport the moment a socket joins its own room. */
    private record DroppingAdapter(RoomAdapter delegate, Runnable onJoin) implements RoomAdapter {
        @Override
        public void join(String socketId, Set<String> rooms) {
            delegate.join(socketId, rooms);
            onJoin.run();
        }

        @Override
        public void leave(String socketId, String room) {
            delegate.leave(socketId, room);
        }

        @Override
        public void leaveAll(String socketId) {
            delegate.leaveAll(socketId);
        }

        @Override
        public Set<String> rooms(String socketId) {
            return delegate.rooms(socketId);
        }

        @Override
        public int roomCount() {
            return delegate.roomCount();
        }

        @Override
        public Set<String> sockets(BroadcastTarget target) {
            return delegate.sockets(target);
        }

        @Override
        public void broadcast(Broadcast broadcast) {
            delegate.broadcast(broadcast);
        }

        @Override
        public void socketsJoin(BroadcastTarget target, Set<String> rooms) {
            delegate.socketsJoin(target, rooms);
        }

        @Override
        public void socketsLeave(BroadcastTarget target, Set<String> rooms) {
            delegate.socketsLeave(target, rooms);
        }

        @Override
        public void disconnectSockets(BroadcastTarget target, boolean close) {
            delegate.disconnectSockets(target, close);
        }

        @Override
        public CompletableFuture<List<SocketDetails>> fetchSockets(BroadcastTarget target) {
            return delegate.fetchSockets(target);
        }

        @Override
        public CompletableFuture<Set<String>> allRooms() {
            return delegate.allRooms();
        }

        @Override
        public void serverSideEmit(String event, List<JsonNode> args) {
            delegate.serverSideEmit(event, args);
        }
    }

    private static ConditionFactory eventually() {
        return await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(10));
    }

    private void useConnectTimeout(Duration timeout) {
        server.close();
        server = SocketIoServer.inMemory(SocketIoOptions.defaults().withConnectTimeout(timeout), mapper);
    }
}
