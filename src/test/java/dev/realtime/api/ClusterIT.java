package dev.realtime.api;

import static dev.realtime.api.TestUser.json;
import static dev.realtime.testing.OfficialClientJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtime.api.ApiClient.Response;
import dev.realtime.testing.OfficialClientJson;
import dev.realtime.testing.RecordingSocket;
import dev.realtime.testing.RedisServerProcess;
import io.socket.client.IO;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two nodes of the packaged application, as two processes on one PostgreSQL schema and one Redis of the test's own
 * (so it can be killed and started again), with the official Java client on each: what users see across the nodes
 * is what they see on one. Short grace period and node timeout keep the presence tests quick; the bound they check
 * is the one the settings promise.
 */
class ClusterIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Duration GRACE = Duration.ofSeconds(1);
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(3);

    private static RedisServerProcess redis;
    private static PostgresSchema schema;
    private static String prefix;
    private static ServerProcess node1;
    private static ServerProcess node2;
    private static ApiClient api1;
    private static ApiClient api2;

    private static final List<RecordingSocket> sockets = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startNodes() {
        redis = RedisServerProcess.start();
        schema = PostgresSchema.create();
        prefix = "cluster-it-" + TestUser.unique();
        node1 = node("node1");
        node2 = node("node2");
        api1 = new ApiClient(node1.port());
        api2 = new ApiClient(node2.port());
        awaitLinked();
    }

    @AfterAll
    static void stopNodes() {
        Stream.of(node1, node2).filter(node -> node != null).forEach(ServerProcess::close);
        if (redis != null) {
            redis.close();
        }
        if (schema != null) {
            schema.drop();
        }
    }

    @AfterEach
    void closeSockets() {
        sockets.forEach(RecordingSocket::close);
        sockets.clear();
    }

    @Test
    void usersOnDifferentNodes_messagesTypingReceiptsAndChatCreated_asOnOneNode() {
        TestUser alice = TestUser.register(api1, "alice");
        TestUser bob = TestUser.register(api2, "bob");
        RecordingSocket aliceSocket = connected(node1, alice);
        RecordingSocket bobSocket = connected(node2, bob);

        String chat = chat(alice, bob);
        Map<String, Object> created = first(bobSocket, "chat:created");
        joined(aliceSocket, chat);
        joined(bobSocket, chat);
        Map<String, Object> sent = message(aliceSocket.ack("message:send", object("chatId", chat, "text", "hi bob")));
        assertThat(bobSocket.ack("message:typing", object("chatId", chat, "isTyping", true)))
                .containsEntry("ok", true);
        assertThat(bobSocket.ack("message:read", object("chatId", chat, "seq", sent.get("seq"))))
                .containsEntry("ok", true);

        assertThat(OfficialClientJson.map(created.get("chat"))).containsEntry("id", chat);
        assertThat(OfficialClientJson.map(first(bobSocket, "message:new").get("message")))
                .containsEntry("id", sent.get("id")).containsEntry("seq", 1)
                .containsEntry("text", "hi bob").containsEntry("senderId", alice.id());
        assertThat(first(aliceSocket, "typing:start")).isEqualTo(Map.of("chatId", chat, "userId", bob.id()));
        assertThat(first(aliceSocket, "message:status")).isEqualTo(Map.of("chatId", chat, "userId", bob.id(),
                "status", "read", "seq", 1));
        assertThat(first(aliceSocket, "typing:stop")).as("the server expires typing without a refresh")
                .isEqualTo(Map.of("chatId", chat, "userId", bob.id()));
    }

    @Test
    void contactOnOtherNode_connectsAndLeaves_onlineAndOfflineOnceEach() {
        TestUser alice = TestUser.register(api1, "alice");
        TestUser carol = TestUser.register(api2, "carol");
        RecordingSocket aliceSocket = connected(node1, alice);
        chat(alice, carol);

        RecordingSocket carolSocket = connected(node2, carol);
        Map<String, Object> online = first(aliceSocket, "presence:online");
        carolSocket.close();
        Map<String, Object> offline = first(aliceSocket, "presence:offline");

        assertThat(online).isEqualTo(Map.of("userId", carol.id(), "status", "online"));
        assertThat(offline).containsEntry("userId", carol.id()).containsKey("lastSeenAt");
        assertThat(api1.get("/api/presence?userIds=" + carol.id(), alice.token()).body().path("items").get(0)
                .path("status").asString()).isEqualTo("offline");
        // Both nodes hear the change; exactly one of them may announce it.
        holds(() -> count(aliceSocket, "presence:online", carol) == 1 && count(aliceSocket, "presence:offline",
                carol) == 1);
    }

    @Test
    void userOnBothNodes_closesOneConnection_staysOnline() {
        TestUser alice = TestUser.register(api1, "alice");
        TestUser dave = TestUser.register(api1, "dave");
        RecordingSocket aliceSocket = connected(node1, alice);
        chat(alice, dave);
        RecordingSocket daveOnNode1 = connected(node1, dave);
        RecordingSocket daveOnNode2 = connected(node2, dave);
        first(aliceSocket, "presence:online");

        daveOnNode1.close();

        holds(() -> count(aliceSocket, "presence:offline", dave) == 0);
        assertThat(count(aliceSocket, "presence:online", dave)).as("one online for two connections").isEqualTo(1);
        assertThat(daveOnNode2.isConnected()).isTrue();
    }

    @Test
    void concurrentSends_splitOverBothNodes_getConsecutiveSeqs() {
        TestUser alice = TestUser.register(api1, "alice");
        TestUser bob = TestUser.register(api2, "bob");
        RecordingSocket aliceSocket = connected(node1, alice);
        RecordingSocket bobSocket = connected(node2, bob);
        String chat = chat(alice, bob);
        joined(aliceSocket, chat);
        joined(bobSocket, chat);

        List<CompletableFuture<Object[]>> acks = IntStream.range(0, 40)
                .mapToObj(i -> (i % 2 == 0 ? aliceSocket : bobSocket).ackAsync("message:send",
                        object("chatId", chat, "text", "concurrent " + i)))
                .toList();

        List<Long> seqs = acks.stream().map(ack -> OfficialClientJson.result(ack, TIMEOUT))
                .map(args -> message(OfficialClientJson.map(OfficialClientJson.plain(args[0]))))
                .map(stored -> ((Number) stored.get("seq")).longValue()).toList();
        assertThat(seqs).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 40).boxed().toList());
        eventually().untilAsserted(() -> {
            assertThat(aliceSocket.received("message:new")).hasSize(40);
            assertThat(bobSocket.received("message:new")).hasSize(40);
        });
    }

    @Test
    void memberRemovedThroughNode2_stopsReceivingOnNode1AtOnce() {
        TestUser alice = TestUser.register(api2, "alice");
        TestUser bob = TestUser.register(api1, "bob");
        RecordingSocket bobSocket = connected(node1, bob);
        String chat = chat(alice, bob);
        joined(bobSocket, chat);

        assertThat(api2.delete("/api/chats/" + chat + "/members/" + bob.id(), alice.token()).status())
                .isEqualTo(200);
        Response after = api2.post("/api/chats/" + chat + "/messages", alice.token(), json("text", "after removal"));
        String marker = api2.post("/api/chats", alice.token(), json("type", "group", "title", "marker",
                "memberIds", List.of(bob.id()))).text("id");

        assertThat(after.status()).isEqualTo(201);
        // Node 2 published the removal, the message and the new chat in this order, and node 1 delivers them so:
        // once the new chat has reached bob, the message would have too.
        eventually().until(() -> bobSocket.received("chat:created").stream()
                .anyMatch(event -> marker.equals(OfficialClientJson.map(event.get("chat")).get("id"))));
        assertThat(bobSocket.received("message:new")).isEmpty();
    }

    @Test
    void logoutAllThroughNode1_userOnBothNodes_disconnectedEverywhereAndOldTokenRefusedOnBoth() {
        TestUser frank = TestUser.register(api1, "frank");
        TestUser grace = TestUser.register(api2, "grace");
        RecordingSocket onNode1 = connected(node1, frank);
        RecordingSocket onNode2 = connected(node2, frank);
        RecordingSocket graceSocket = connected(node2, grace);
        // Node 2 has just read frank's token version: it must hear the new one, not wait for its cache to expire.
        assertThat(api2.get("/api/users/me", frank.token()).status()).isEqualTo(200);

        Response loggedOut = api1.post("/api/auth/logout-all", frank.token(), null);
        String reasonOnNode1 = OfficialClientJson.result(onNode1.disconnected(), TIMEOUT);
        String reasonOnNode2 = OfficialClientJson.result(onNode2.disconnected(), TIMEOUT);

        assertThat(loggedOut.status()).isEqualTo(204);
        assertThat(reasonOnNode1).isEqualTo("io server disconnect");
        assertThat(reasonOnNode2).isEqualTo("io server disconnect");
        assertThat(api1.get("/api/users/me", frank.token()).status()).isEqualTo(401);
        // Node 2 hears the new version through Redis, as it heard the disconnect.
        eventually().until(() -> api2.get("/api/users/me", frank.token()).status() == 401);
        for (ServerProcess node : List.of(node1, node2)) {
            RecordingSocket refused = socket(node, frank.token()).connect();
            assertThat(OfficialClientJson.result(refused.connectError(), TIMEOUT))
                    .isEqualTo(Map.of("message", "unauthorized"));
        }
        assertThat(graceSocket.ack("presence:update", object("status", "online"))).containsEntry("ok", true);
        Response login = api2.post("/api/auth/login", null, json("username", frank.username(), "password",
                TestUser.PASSWORD));
        assertThat(login.status()).isEqualTo(200);
        TestUser again = new TestUser(frank.id(), frank.username(), login.text("token"));
        assertThat(api1.get("/api/users/me", again.token()).status()).isEqualTo(200);
        assertThat(connected(node1, again).isConnected()).isTrue();
        assertThat(connected(node2, again).isConnected()).isTrue();
    }

    @Test
    void nodeKilled_itsUsersGoOfflineForTheOthersWithinTheBoundOnce() {
        TestUser alice = TestUser.register(api1, "alice");
        TestUser erin = TestUser.register(api1, "erin");
        RecordingSocket aliceSocket = connected(node1, alice);
        chat(alice, erin);
        try (ServerProcess node3 = node("node3")) {
            connected(node3, erin);
            first(aliceSocket, "presence:online");

            node3.kill();
        }

        // Within the node timeout, one heartbeat period to notice it and the grace period, with room for a slow CI.
        await().atMost(NODE_TIMEOUT.multipliedBy(2).plus(GRACE).plus(TIMEOUT)).pollInterval(Duration.ofMillis(50))
                .until(() -> count(aliceSocket, "presence:offline", erin) > 0);
        holds(() -> count(aliceSocket, "presence:offline", erin) == 1);
    }

    @Test
    void redisRestartedDuringTraffic_noStoredMessageLostAndCrossNodeDeliveryResumes() {
        TestUser alice = TestUser.register(api1, "alice");
        TestUser bob = TestUser.register(api2, "bob");
        RecordingSocket aliceSocket = connected(node1, alice);
        RecordingSocket bobSocket = connected(node2, bob);
        String chat = chat(alice, bob);
        joined(aliceSocket, chat);
        joined(bobSocket, chat);
        List<Map<String, Object>> acked = new CopyOnWriteArrayList<>();
        AtomicBoolean sending = new AtomicBoolean(true);
        CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
            for (int i = 0; sending.get(); i++) {
                Map<String, Object> ack = aliceSocket.ack("message:send", object("chatId", chat, "text", "m" + i));
                assertThat(ack).as("send %d while Redis restarts: the database decides, not Redis", i)
                        .containsEntry("ok", true);
                acked.add(message(ack));
            }
        });
        eventually().until(() -> acked.size() >= 20);

        redis.kill();
        int duringOutage = acked.size();
        eventually().until(() -> acked.size() >= duringOutage + 20);
        redis.restart();
        int afterRestart = acked.size();
        eventually().until(() -> acked.size() >= afterRestart + 20);
        // Live delivery across the nodes resumes by itself: a message sent now reaches bob without a catch-up.
        eventually().until(() -> {
            long newest = ((Number) acked.get(acked.size() - 1).get("seq")).longValue();
            return seqs(bobSocket).stream().anyMatch(seq -> seq >= newest);
        });
        sending.set(false);
        sender.join();

        Map<Long, JsonNode> stored = api2.history(chat, bob.token()).stream()
                .collect(Collectors.toMap(m -> m.path("seq").asLong(), Function.identity()));
        assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(
                LongStream.rangeClosed(1, acked.size()).boxed().toList());
        assertThat(acked).allSatisfy(message -> assertThat(stored.get(((Number) message.get("seq")).longValue())
                .path("id").asString()).isEqualTo(message.get("id")));
        // What bob missed live while the nodes were apart, a catch-up from his last seq before the gap gives him.
        Set<Long> live = Set.copyOf(seqs(bobSocket));
        List<Long> missed = stored.keySet().stream().filter(seq -> !live.contains(seq)).sorted().toList();
        if (!missed.isEmpty()) {
            Map<String, Object> caughtUp = bobSocket.ack("chat:join", object("chatId", chat,
                    "lastSeq", missed.get(0) - 1));
            assertThat(caughtUp).containsEntry("ok", true);
            List<Long> page = ((List<?>) caughtUp.get("messages")).stream()
                    .map(message -> ((Number) OfficialClientJson.map(message).get("seq")).longValue()).toList();
            assertThat(page).startsWith(missed.get(0))
                    .containsAll(missed.stream().filter(seq -> seq <= page.get(page.size() - 1)).toList());
        }
    }

    private static ServerProcess node(String name) {
        return ServerProcess.start("cluster-" + name, List.of(
                "--realtime.jwt.secret=" + TestTokens.SECRET,
                "--realtime.cluster.mode=redis",
                "--realtime.cluster.prefix=" + prefix,
                "--realtime.cluster.node-timeout=" + NODE_TIMEOUT.toSeconds() + "s",
                "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=" + redis.port(),
                "--realtime.presence.grace-period=" + GRACE.toMillis() + "ms",
                "--realtime.typing.timeout=1s",
                "--realtime.limits.messages-per-second=100000",
                "--realtime.limits.message-burst=100000",
                // The sender of the Redis restart test floods on purpose, as fast as acks come back, for seconds.
                "--realtime.limits.events-per-second=100000",
                "--realtime.limits.events-burst=100000",
                "--spring.datasource.url=" + schema.url(),
                "--spring.datasource.username=" + PostgresSchema.USER,
                "--spring.datasource.password=",
                "--spring.flyway.default-schema=" + schema.name(),
                "--spring.flyway.schemas=" + schema.name()));
    }

    /** A socket of the user on that node, over WebSocket, connected. */
    private static RecordingSocket connected(ServerProcess node, TestUser user) {
        return socket(node, user.token()).connect().awaitConnected();
    }

    /** A socket with that token on that node, over WebSocket, not connected yet. */
    private static RecordingSocket socket(ServerProcess node, String token) {
        IO.Options options = new IO.Options();
        options.transports = new String[] {"websocket"};
        options.forceNew = true;
        options.reconnection = false;
        options.callFactory = OfficialClientJson.HTTP;
        options.webSocketFactory = OfficialClientJson.HTTP;
        options.auth = Map.of("token", token);
        RecordingSocket socket = new RecordingSocket(IO.socket(URI.create("http://127.0.0.1:" + node.port()), options),
                TIMEOUT);
        sockets.add(socket);
        return socket;
    }

    /** A group chat of the two, made by {@code creator} through node 1. */
    private static String chat(TestUser creator, TestUser member) {
        return api1.post("/api/chats", creator.token(), json("type", "group", "title", "cluster",
                "memberIds", List.of(member.id()))).text("id");
    }

    /**
     * Returns once each node hears the other: a chat made through one node reaches a socket on the other. The first
     * chats after a start may go out before the link to Redis is up, and are then heard by nobody on the other node.
     */
    private static void awaitLinked() {
        TestUser one = TestUser.register(api1, "link");
        TestUser two = TestUser.register(api2, "link");
        RecordingSocket onNode1 = connected(node1, one);
        RecordingSocket onNode2 = connected(node2, two);
        await("nodes linked").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            String fromNode1 = api1.post("/api/chats", one.token(), json("type", "group", "title", "link",
                    "memberIds", List.of(two.id()))).text("id");
            String fromNode2 = api2.post("/api/chats", two.token(), json("type", "group", "title", "link",
                    "memberIds", List.of(one.id()))).text("id");
            return within(Duration.ofSeconds(2), () -> createdFor(onNode2, fromNode1) && createdFor(onNode1, fromNode2));
        });
        onNode1.close();
        onNode2.close();
    }

    private static boolean within(Duration wait, Callable<Boolean> condition) {
        try {
            await().atMost(wait).pollInterval(Duration.ofMillis(20)).until(condition);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    private static boolean createdFor(RecordingSocket socket, String chat) {
        return socket.received("chat:created").stream()
                .anyMatch(event -> chat.equals(OfficialClientJson.map(event.get("chat")).get("id")));
    }

    private static void joined(RecordingSocket socket, String chat) {
        assertThat(socket.ack("chat:join", object("chatId", chat))).containsEntry("ok", true);
    }

    private static Map<String, Object> message(Map<String, Object> ack) {
        assertThat(ack).containsEntry("ok", true);
        return OfficialClientJson.map(ack.get("message"));
    }

    private static Map<String, Object> first(RecordingSocket socket, String event) {
        return eventually().until(() -> socket.received(event), list -> !list.isEmpty()).get(0);
    }

    /** The seqs of the messages the socket received live ({@code message:new}), in arrival order. */
    private static List<Long> seqs(RecordingSocket socket) {
        return socket.received("message:new").stream()
                .map(event -> ((Number) OfficialClientJson.map(event.get("message")).get("seq")).longValue()).toList();
    }

    private static long count(RecordingSocket socket, String event, TestUser about) {
        return socket.received(event).stream().filter(payload -> about.id().equals(payload.get("userId"))).count();
    }

    /** The condition holds now and for a while: long enough for a second node's duplicate to have arrived. */
    private static void holds(Callable<Boolean> condition) {
        await().during(NODE_TIMEOUT).atMost(NODE_TIMEOUT.plus(TIMEOUT)).pollInterval(Duration.ofMillis(50))
                .until(condition);
    }

    private static ConditionFactory eventually() {
        return await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(20));
    }
}
