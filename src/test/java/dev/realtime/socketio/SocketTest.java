package dev.realtime.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Server-side sockets: sending to one client, waiting for its acknowledgement, and leaving a namespace. */
class SocketTest {

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
