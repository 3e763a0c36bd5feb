package dev.realtime.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Server-side sockets: sending to one client, waiting for its acknowledgement, and leaving a namespace. */
class SocketTest {

    /** Further off than any other timer of a connection, so its task can be picked out on the timer. */
    private static final Duration LONG_ACK_TIMEOUT = Duration.ofHours(1);

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final SocketIoServer server = SocketIoServer.inMemory(SocketIoOptions.defaults(), mapper);

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void emit_bytesInsideMap_sentAsBinaryEventWithAttachment() {
        Member member = connect();

        member.socket().emit("file", Map.of("data", new byte[] {4, 2}));

        assertThat(member.client().messages())
                .containsExactly("51-[\"file\",{\"data\":{\"_placeholder\":true,\"num\":0}}]");
        assertThat(member.client().binaries()).containsExactly(new byte[] {4, 2});
    }

    @Test
    void disconnect_fromClient_firesOnDisconnectAndLeavesEveryRoom() {
        List<String> reasons = new CopyOnWriteArrayList<>();
        server.sockets().onDisconnect((socket, reason) -> reasons.add(reason));
        Member member = connect();
        member.socket().join("room");

        member.client().sendPacket("1");

        assertThat(reasons).containsExactly("client namespace disconnect");
        assertThat(member.client().isClosed()).isFalse();
        assertThat(member.socket().isConnected()).isFalse();
        assertThat(server.sockets().socket(member.socket().id())).isNull();
        assertThat(server.sockets().adapter().rooms(member.socket().id())).isEmpty();
        assertThat(server.sockets().to("room").socketIds()).isEmpty();
    }

    @Test
    void join_afterDisconnect_leavesNoTraceInTheRoom() {
        Member member = connect();
        member.client().sendPacket("1");

        member.socket().join("late");

        assertThat(server.sockets().to("late").socketIds()).isEmpty();
        assertThat(server.sockets().adapter().rooms(member.socket().id())).isEmpty();
    }

    @Test
    void disconnect_fromCustomNamespace_mainNamespaceStillServed() {
        server.of("/custom");
        server.sockets().on("message", (socket, args, ack) -> socket.emit("message-back", args.toArray()));
        FakeClient client = FakeClient.connected(server);
        String customSid = client.connect("/custom");
        client.clearReceived();

        client.sendPacket("1/custom,");
        client.sendPacket("2[\"message\",\"to main\"]");

        assertThat(server.of("/custom").socket(customSid)).isNull();
        assertThat(client.messages()).containsExactly("2[\"message-back\",\"to main\"]");
    }

    @Test
    void disconnect_fromServer_sendsDisconnectPacketAndKeepsConnection() {
        List<String> reasons = new CopyOnWriteArrayList<>();
        server.sockets().onDisconnect((socket, reason) -> reasons.add(reason));
        Member member = connect();

        member.socket().disconnect();

        assertThat(member.client().messages()).containsExactly("1");
        assertThat(reasons).containsExactly("server namespace disconnect");
        assertThat(member.client().isClosed()).isFalse();
    }

    @Test
    void emitWithAck_clientAcks_completesWithItsArguments() {
        Member member = connect();

        CompletableFuture<List<JsonNode>> answer = member.socket().emitWithAck(Duration.ofSeconds(30), "question", 1);
        member.client().sendPacket("30[\"yes\",42]");

        assertThat(member.client().messages()).containsExactly("20[\"question\",1]");
        assertThat(answer).isCompletedWithValue(List.of(json("\"yes\""), json("42")));
    }

    @Test
    void emitWithAck_clientAcksWithBinary_completesWithBytes() {
        Member member = connect();
        CompletableFuture<List<JsonNode>> answer = member.socket().emitWithAck(Duration.ofSeconds(30), "photo");

        member.client().sendPacket("61-0[{\"_placeholder\":true,\"num\":0}]");
        member.client().sendBinary(new byte[] {5, 6});

        assertThat(answer).isDone();
        assertThat(answer.getNow(List.of())).singleElement()
                .satisfies(arg -> assertThat(arg.binaryValue()).containsExactly(5, 6));
    }

    @Test
    void emitWithAck_noAnswer_failsWithTimeoutException() {
        Member member = connect();

        CompletableFuture<List<JsonNode>> answer = member.socket().emitWithAck(Duration.ofMillis(50), "question");

        assertThat(answer).failsWithin(Duration.ofSeconds(10))
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void emitWithAck_socketDisconnectsFirst_failsWithIllegalState() {
        Member member = connect();
        CompletableFuture<List<JsonNode>> answer = member.socket().emitWithAck(Duration.ofSeconds(30), "question");

        member.client().sendPacket("1");

        assertThat(answer).failsWithin(Duration.ZERO)
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void emitWithAck_noAnswerYet_timeoutStaysScheduled() {
        Member member = connect();

        member.socket().emitWithAck(LONG_ACK_TIMEOUT, "question");

        assertThat(stopTimerKeepingAckTimeouts()).hasSize(1);
    }

    @Test
    void emitWithAck_clientAcks_timeoutCancelled() {
        Member member = connect();
        CompletableFuture<List<JsonNode>> answer = member.socket().emitWithAck(LONG_ACK_TIMEOUT, "question");

        member.client().sendPacket("30[\"yes\"]");

        assertThat(answer).isDone();
        assertThat(stopTimerKeepingAckTimeouts()).isEmpty();
    }

    @Test
    void emitWithAck_socketDisconnectsFirst_timeoutCancelled() {
        Member member = connect();
        CompletableFuture<List<JsonNode>> answer = member.socket().emitWithAck(LONG_ACK_TIMEOUT, "question");

        member.client().sendPacket("1");

        assertThat(answer).isCompletedExceptionally();
        assertThat(stopTimerKeepingAckTimeouts()).isEmpty();
    }

    /**
     * Stops the server's timer and returns its tasks still due to run that are as far off as an ack timeout of
     * {@link #LONG_ACK_TIMEOUT}, and no heartbeat or connect timeout is. shutdownNow hands back the very futures the
     * tasks were scheduled as, so a cancelled one that still waits in the queue is told apart by isCancelled.
     */
    private List<ScheduledFuture<?>> stopTimerKeepingAckTimeouts() {
        return server.engine().timer().shutdownNow().stream()
                .<ScheduledFuture<?>>map(task -> (ScheduledFuture<?>) task)
                .filter(task -> !task.isCancelled())
                .filter(task -> task.getDelay(TimeUnit.MINUTES) >= LONG_ACK_TIMEOUT.toMinutes() - 1)
                .toList();
    }

    private JsonNode json(String text) {
        return mapper.readTree(text);
    }

    private Member connect() {
        FakeClient client = FakeClient.connected(server);
        return new Member(server.sockets().socket(client.socketId()), client);
    }

    private record Member(Socket socket, FakeClient client) {
    }
}
