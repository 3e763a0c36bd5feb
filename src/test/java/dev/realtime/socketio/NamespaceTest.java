package dev.realtime.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.testing.ExpectedLog;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Events a client sends reach the namespace's handlers, and their acknowledgements go back on the wire. */
class NamespaceTest {

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final SocketIoServer server = SocketIoServer.inMemory(SocketIoOptions.defaults(), mapper);

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void on_eventWithArguments_handlerGetsThemAndAckNone() {
        AtomicReference<List<JsonNode>> received = new AtomicReference<>();
        AtomicReference<Ack> ack = new AtomicReference<>();
        server.sockets().on("message", (socket, args, a) -> {
            received.set(args);
            ack.set(a);
        });
        FakeClient client = FakeClient.connected(server);

        client.sendPacket("2[\"message\",1,\"2\",{\"3\":[true]}]");

        assertThat(received.get()).containsExactly(json("1"), json("\"2\""), json("{\"3\":[true]}"));
        assertThat(ack.get()).isSameAs(Ack.NONE);
        assertThat(ack.get().requested()).isFalse();
    }

    @Test
    void on_eventWithAckId_answerEncodedAsAckWithSameId() {
        server.sockets().on("message-with-ack", (socket, args, ack) -> ack.send(args.toArray()));
        FakeClient client = FakeClient.connected(server);

        client.sendPacket("2456[\"message-with-ack\",1,\"2\",{\"3\":[false]}]");

        assertThat(client.messages()).containsExactly("3456[1,\"2\",{\"3\":[false]}]");
    }

    @Test
    void on_ackAnsweredTwice_onlyFirstAnswerSent() {
        server.sockets().on("twice", (socket, args, ack) -> {
            ack.send("first");
            ack.send("second");
        });
        FakeClient client = FakeClient.connected(server);

        client.sendPacket("27[\"twice\"]");

        assertThat(client.messages()).containsExactly("37[\"first\"]");
    }

    @Test
    void on_binaryEventWithAck_handlerGetsBytesAndAnswerIsBinaryAck() {
        AtomicReference<List<JsonNode>> received = new AtomicReference<>();
        server.sockets().on("upload", (socket, args, ack) -> {
            received.set(args);
            ack.send(args.toArray());
        });
        FakeClient client = FakeClient.connected(server);

        client.sendPacket("52-789[\"upload\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        client.sendBinary(new byte[] {1, 2, 3});
        client.sendBinary(new byte[] {4, 5, 6});

        assertThat(received.get()).extracting(JsonNode::binaryValue)
                .containsExactly(new byte[] {1, 2, 3}, new byte[] {4, 5, 6});
        assertThat(client.messages())
                .containsExactly("62-789[{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        assertThat(client.binaries()).containsExactly(new byte[] {1, 2, 3}, new byte[] {4, 5, 6});
    }

    @Test
    void on_handlerThrows_loggedWithTheSocketAndConnectionStaysOpen() {
        server.sockets().on("boom", (socket, args, ack) -> {
            throw new IllegalStateException("handler bug");
        });
        server.sockets().on("ping", (socket, args, ack) -> ack.send("pong"));
        FakeClient client = FakeClient.connected(server);

        try (ExpectedLog log = ExpectedLog.of(Namespace.class)) {
            client.sendPacket("2[\"boom\"]");
            client.sendPacket("21[\"ping\"]");

            assertThat(log.lines()).singleElement().asString()
                    .contains("'boom'", onlySocketId(), "handler bug");
        }
        assertThat(client.isClosed()).isFalse();
        assertThat(client.messages()).containsExactly("31[\"pong\"]");
    }

    @Test
    void on_eventToNamespaceNotJoined_ignored() {
        List<Socket> senders = new CopyOnWriteArrayList<>();
        server.of("/custom").on("message", (socket, args, ack) -> senders.add(socket));
        FakeClient client = FakeClient.connected(server);

        client.sendPacket("2/custom,[\"message\"]");

        assertThat(senders).isEmpty();
        assertThat(client.isClosed()).isFalse();
    }

    @Test
    void onUnknownEvent_eventWithoutHandler_hookGetsNameArgsAndAck() {
        server.sockets().on("known", (socket, args, ack) -> ack.send("known"));
        server.sockets().onUnknownEvent((socket, event, args, ack) -> ack.send(Map.of(
                "ok", false, "error", Map.of("code", "NOT_FOUND", "message", "unknown event " + event, "args", args))));
        FakeClient client = FakeClient.connected(server);

        client.sendPacket("24[\"nope\",1]");
        client.sendPacket("25[\"known\"]");

        assertThat(client.messages()).hasSize(2);
        assertThat(json(client.messages().get(0).substring(2))).isEqualTo(json(
                "[{\"ok\":false,\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"unknown event nope\",\"args\":[1]}}]"));
        assertThat(client.messages().get(0)).startsWith("34[");
        assertThat(client.messages().get(1)).isEqualTo("35[\"known\"]");
    }

    @Test
    void onUnknownEvent_noHook_eventDroppedAndAckNeverAnswered() {
        server.sockets().on("ping", (socket, args, ack) -> ack.send("pong"));
        FakeClient client = FakeClient.connected(server);

        client.sendPacket("24[\"nope\"]");
        client.sendPacket("25[\"ping\"]");

        assertThat(client.messages()).containsExactly("35[\"pong\"]");
        assertThat(client.isClosed()).isFalse();
    }

    @Test
    void onUnknownEvent_hookThrows_loggedAndConnectionStaysOpen() {
        server.sockets().onUnknownEvent((socket, event, args, ack) -> {
            throw new IllegalStateException("hook bug");
        });
        server.sockets().on("ping", (socket, args, ack) -> ack.send("pong"));
        FakeClient client = FakeClient.connected(server);

        try (ExpectedLog log = ExpectedLog.of(Namespace.class)) {
            client.sendPacket("24[\"nope\"]");
            client.sendPacket("25[\"ping\"]");

            assertThat(log.lines()).singleElement().asString().contains("'nope'", onlySocketId(), "hook bug");
        }
        assertThat(client.isClosed()).isFalse();
        assertThat(client.messages()).containsExactly("35[\"pong\"]");
    }

    private String onlySocketId() {
        return server.sockets().sockets().iterator().next().id();
    }

    private JsonNode json(String text) {
        return mapper.readTree(text);
    }
}
