package dev.realtime.conformance;

import static dev.realtime.conformance.JavaClientSupport.TIMEOUT;
import static dev.realtime.conformance.JavaClientSupport.object;
import static dev.realtime.conformance.JavaClientSupport.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtime.conformance.JavaClientSupport.Client;
import dev.realtime.conformance.JavaClientSupport.Mode;
import io.socket.client.Ack;
import java.util.Arrays;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The official Java client ({@code io.socket:socket.io-client}) against the conformance fixture, over WebSocket
 * only, polling only, and polling upgraded to WebSocket.
 */
class JavaClientIT {

    private static final Map<String, String> NO_AUTH = Map.of();

    // No test here is about the heartbeat: a relaxed one keeps a busy machine's late ping or pong from failing them
    // (2 s + 5 s was seen to end a polling client with "ping timeout" while the build ran beside other work).
    private final ConformanceFixture server = new ConformanceFixture(0, Duration.ofSeconds(5), Duration.ofSeconds(30));
    private final JavaClientSupport clients = new JavaClientSupport(server.port());

    @AfterEach
    void stop() {
        clients.close();
        server.close();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void connect_withAuth_serverEchoesAuthPayload(Mode mode) {
        Map<String, String> auth = Map.of("user", "alice", "token", "t-1");

        Client alice = clients.connected(mode, "/", auth);

        eventually(alice).untilAsserted(() ->
                assertThat(alice.received("auth")).containsExactly(List.of(auth)));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void connect_customNamespaceWithAuth_serverEchoesAuthPayloadAndAcks(Mode mode) {
        Map<String, String> auth = Map.of("user", "bob");

        Client bob = clients.connected(mode, "/custom", auth);
        List<Object> answer = bob.emitWithAck("message-with-ack", "on custom");

        assertThat(answer).containsExactly("on custom");
        eventually(bob).untilAsserted(() ->
                assertThat(bob.received("auth")).containsExactly(List.of(auth)));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void emitWithAck_messageWithAck_acknowledgedWithSameArgs(Mode mode) {
        Client alice = clients.connected(mode, "/", NO_AUTH);

        List<Object> answer = alice.emitWithAck("message-with-ack",
                "hello", 42, true, object("nested", object("n", 1.5)));

        assertThat(answer).containsExactly("hello", 42, true, Map.of("nested", Map.of("n", 1.5)));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void message_withBinaryArguments_echoedBackAsBinary(Mode mode) {
        Client alice = clients.connected(mode, "/", NO_AUTH);
        byte[] top = {0, 1, 2, (byte) 0x7f, (byte) 0x80, (byte) 0xff};
        byte[] nested = {(byte) 0xca, (byte) 0xfe};

        alice.emit("message", "caption", top, object("payload", nested));

        eventually(alice).until(() -> !alice.received("message-back").isEmpty());
        assertThat(alice.received("message-back")).hasSize(1);
        List<Object> echoed = alice.received("message-back").get(0);
        assertThat(echoed).hasSize(3);
        assertThat(echoed.get(0)).isEqualTo("caption");
        assertThat(echoed.get(1)).isInstanceOf(byte[].class);
        assertThat((byte[]) echoed.get(1)).containsExactly(top);
        assertThat(echoed.get(2)).isInstanceOf(Map.class);
        Object echoedNested = ((Map<?, ?>) echoed.get(2)).get("payload");
        assertThat(echoedNested).isInstanceOf(byte[].class);
        assertThat((byte[]) echoedNested).containsExactly(nested);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void join_thenLeave_acksSortedRoomsOfTheSocket(Mode mode) {
        Client alice = clients.connected(mode, "/", NO_AUTH);

        List<Object> afterJoin = alice.emitWithAck("join", "lobby");
        List<Object> afterLeave = alice.emitWithAck("leave", "lobby");

        assertThat(afterJoin).containsExactly(sorted(alice.id(), "lobby"));
        assertThat(afterLeave).containsExactly(List.of(alice.id()));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void broadcast_toRoom_reachesMembersIncludingSenderButNotOutsiders(Mode mode) {
        Client alice = clients.connected(mode, "/", NO_AUTH);
        Client bob = clients.connected(mode, "/", NO_AUTH);
        Client carol = clients.connected(mode, "/", NO_AUTH);
        alice.emitWithAck("join", "lobby");
        bob.emitWithAck("join", "lobby");
        carol.emitWithAck("join", "kitchen");

        bob.emit("broadcast", "lobby", "hi", 7);
        // The server handles bob's packets in order: a "hi" wrongly sent to carol would reach her before this.
        bob.emit("broadcast", "kitchen", "marker");

        eventually(alice, bob, carol).until(() -> !carol.received("broadcast").isEmpty());
        assertThat(carol.received("broadcast")).containsExactly(List.of("marker"));
        eventually(alice, bob, carol).untilAsserted(() -> {
            assertThat(alice.received("broadcast")).containsExactly(List.of("hi", 7));
            assertThat(bob.received("broadcast")).containsExactly(List.of("hi", 7));
        });
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void broadcastOthers_toRoom_reachesOtherMembersButNotSender(Mode mode) {
        Client alice = clients.connected(mode, "/", NO_AUTH);
        Client bob = clients.connected(mode, "/", NO_AUTH);
        alice.emitWithAck("join", "lobby");
        bob.emitWithAck("join", "lobby");

        bob.emit("broadcast-others", "lobby", "hey");
        // Same room, sender included: a "hey" wrongly echoed to bob would reach him before this marker.
        bob.emit("broadcast", "lobby", "marker");

        eventually(alice, bob).until(() -> !bob.received("broadcast").isEmpty());
        assertThat(bob.received("broadcast")).containsExactly(List.of("marker"));
        eventually(alice, bob).untilAsserted(() ->
                assertThat(alice.received("broadcast")).containsExactly(List.of("hey"), List.of("marker")));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void requestAck_clientAcknowledges_serverRelaysTheClientsAnswer(Mode mode) {
        Client alice = clients.connected(mode, "/", NO_AUTH);
        CompletableFuture<List<Object>> request = new CompletableFuture<>();
        alice.socket().on("server-ack-request", args -> {
            Ack ack = (Ack) args[args.length - 1];
            request.complete(JavaClientSupport.plain(Arrays.copyOf(args, args.length - 1)));
            ack.call("got", args[0], args[1]);
        });

        List<Object> answer = alice.emitWithAck("request-ack", "x", "payload", 3);

        assertThat(result(request)).containsExactly("payload", 3);
        assertThat(answer).containsExactly(Map.of("reply", List.of("got", "payload", 3)));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void requestAck_clientNeverAnswers_serverReportsTimeout(Mode mode) {
        Client alice = clients.connected(mode, "/", NO_AUTH);

        List<Object> answer = alice.emitWithAck("request-ack", "x", "ignored");

        assertThat(answer).containsExactly(Map.of("error", "TimeoutException"));
        assertThat(alice.received("server-ack-request")).singleElement()
                .satisfies(args -> assertThat(args.get(0)).isEqualTo("ignored"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void connect_secureWithWrongToken_refusedByMiddleware(Mode mode) {
        Client mallory = clients.client(mode, "/secure", Map.of("token", "let-me-out"));

        mallory.connect();

        assertThat(result(mallory.connectError()))
                .isEqualTo(Map.of("message", "unauthorized", "data", Map.of("reason", "bad token")));
        assertThat(mallory.socket().connected()).isFalse();
        assertThat(mallory.received("welcome")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void connect_secureWithRightToken_welcomedWithSocketId(Mode mode) {
        Client alice = clients.connected(mode, "/secure", Map.of("token", ChatFixture.SECRET));

        eventually(alice).until(() -> !alice.received("welcome").isEmpty());

        assertThat(alice.received("welcome")).containsExactly(List.of(alice.id()));
        assertThat(alice.connectError()).isNotDone();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void disconnectMe_serverDisconnectsSocket_clientSeesIoServerDisconnect(Mode mode) {
        Client alice = clients.connected(mode, "/", NO_AUTH);

        alice.emit("disconnect-me");

        assertThat(result(alice.disconnected())).isEqualTo("io server disconnect");
        assertThat(alice.socket().connected()).isFalse();
    }

    /** Awaitility that gives up at once, saying why, when one of these clients has lost its connection. */
    private static ConditionFactory eventually(Client... connected) {
        return await().atMost(TIMEOUT).failFast("a client lost its connection", () -> {
            for (Client client : connected) {
                assertThat(client.disconnected()).as("disconnect reason").isNotDone();
            }
        });
    }

    private static List<String> sorted(String... rooms) {
        return Stream.of(rooms).sorted().toList();
    }
}
