package dev.realtime.api;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * A Socket.IO client over one WebSocket, written frame by frame: the payload goes out exactly as given, JSON escapes
 * included. The official Java client cannot send an escaped unpaired surrogate (it writes the raw char, which its
 * UTF-8 encoder turns into '?'); browsers' JSON.stringify sends the escape, so the server must handle it.
 */
final class RawSocket implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final List<String> frames = new CopyOnWriteArrayList<>();
    private final AtomicInteger ackIds = new AtomicInteger();
    private final WebSocket webSocket;

    private RawSocket(int port) {
        URI uri = URI.create("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket");
        this.webSocket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new Listener()).join();
    }

    /** A socket connected to namespace "/" with {@code auth: {token}}. */
    static RawSocket connect(int port, String token) {
        RawSocket socket = new RawSocket(port);
        socket.awaitFrame("0{");
        socket.webSocket.sendText("40" + ApiClient.JSON.writeValueAsString(Map.of("token", token)), true)
                .join();
        socket.awaitFrame("40{");
        return socket;
    }

    /** Emits the event with the payload as raw JSON and returns the first argument of the server's ack. */
    JsonNode ack(String event, String payloadJson) {
        int id = ackIds.incrementAndGet();
        webSocket.sendText("42" + id + "[\"" + event + "\"," + payloadJson + "]", true).join();
        String frame = awaitFrame("43" + id + "[");
        return ApiClient.JSON.readTree(frame.substring(("43" + id).length())).get(0);
    }

    private String awaitFrame(String prefix) {
        return await().atMost(TIMEOUT).until(
                () -> frames.stream().filter(frame -> frame.startsWith(prefix)).findFirst().orElse(null),
                frame -> frame != null);
    }

    @Override
    public void close() {
        webSocket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                if (frame.equals("2")) {
                    socket.sendText("3", true);
                }
                frames.add(frame);
            }
            socket.request(1);
            return null;
        }
    }
}
