package dev.realtime.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** What the core reports to its ServerMetrics, and the counts it answers on a scrape. */
class ServerMetricsTest {

    private final Recording metrics = new Recording();
    private final SocketIoServer server = new SocketIoServer(SocketIoOptions.defaults(), JsonMapper.builder().build(),
            InMemoryRoomAdapter::new, metrics);

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void eventReceived_handledOrNot_handledByNameOthersAsOther() {
        server.sockets().on("chat:join", (socket, args, ack) -> { });
        FakeClient client = FakeClient.connected(server);

        client.sendPacket("2[\"chat:join\",{}]");
        client.sendPacket("2[\"made-up-by-the-client\",{}]");

        assertThat(metrics.received).containsExactly("chat:join", ServerMetrics.OTHER);
    }

    @Test
    void emit_toOneSocketAndToARoom_sentOncePerRecipientAndTheFanOutReported() {
        FakeClient a = FakeClient.connected(server);
        FakeClient b = FakeClient.connected(server);
        server.sockets().socket(a.socketId()).join("room");
        server.sockets().socket(b.socketId()).join("room");

        server.sockets().socket(a.socketId()).emit("hello");
        server.sockets().to("room").emit("news");
        server.sockets().to("empty").emit("nobody");

        assertThat(metrics.sent).containsExactly("hello");
        assertThat(metrics.broadcasts).containsExactly("news 2", "nobody 0");
    }

    @Test
    void counts_socketsConnectionsAndRoomsWithoutEachSocketsOwn() {
        FakeClient a = FakeClient.connected(server);
        FakeClient b = FakeClient.connected(server);
        server.sockets().socket(a.socketId()).join("room");
        server.sockets().socket(b.socketId()).join("room");
        server.sockets().socket(b.socketId()).join("other");

        assertThat(server.socketCount()).isEqualTo(2);
        assertThat(server.roomCount()).isEqualTo(2);
        assertThat(server.engine().sessionCountOn("websocket")).isEqualTo(2);
        assertThat(server.engine().sessionCountOn("polling")).isZero();

        b.dropTransport();

        assertThat(server.socketCount()).isEqualTo(1);
        assertThat(server.roomCount()).isEqualTo(1);
        assertThat(server.engine().sessionCountOn("websocket")).isEqualTo(1);
    }

    private static final class Recording implements ServerMetrics {
        final List<String> received = new CopyOnWriteArrayList<>();
        final List<String> sent = new CopyOnWriteArrayList<>();
        final List<String> broadcasts = new CopyOnWriteArrayList<>();

        @Override
        public void eventReceived(String event) {
            received.add(event);
        }

        @Override
        public void eventSent(String event) {
            sent.add(event);
        }

        @Override
        public void broadcastDelivered(String event, int recipients, long nanos) {
            broadcasts.add(event + " " + recipients);
        }
    }
}
