package dev.realtime.api;

import static dev.realtime.api.TestUser.json;

import dev.realtime.api.ApiClient.Response;
import dev.realtime.testing.OfficialClientJson;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.json.JSONObject;

/**
 * Clients that send to one chat, each one message at a time and the next once the previous is acknowledged, until
 * the server stops answering: REST clients (an ack is a 201) and Socket.IO clients with the official Java client
 * (an ack is {@code {ok: true, message}} to {@code message:send}). Keeps every acknowledged message.
 */
final class AckedSenders implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** A message as its acknowledgement gave it. */
    record Acked(String id, long seq, String text) {
    }

    private final int port;
    private final String chat;
    private final String label;
    private final Queue<Acked> acked = new ConcurrentLinkedQueue<>();
    private final List<CompletableFuture<Void>> loops = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    private AckedSenders(int port, String chat, String label) {
        this.port = port;
        this.chat = chat;
        this.label = label;
    }

    /** Starts one REST client per user of {@code rest} and one connected socket per user of {@code socket}. */
    static AckedSenders start(int port, String chat, String label, List<TestUser> rest, List<TestUser> socket) {
        AckedSenders senders = new AckedSenders(port, chat, label);
        rest.forEach(senders::startRest);
        socket.forEach(senders::startSocket);
        return senders;
    }

    int count() {
        return acked.size();
    }

    List<Acked> acked() {
        return List.copyOf(acked);
    }

    /** Waits until every client has stopped, which they do once the server is gone. */
    void awaitStopped() {
        OfficialClientJson.result(CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)), TIMEOUT);
    }

    @Override
    public void close() {
        sockets.forEach(Socket::close);
        threads.shutdownNow();
    }

    private void startRest(TestUser user) {
        ApiClient client = new ApiClient(port);
        String prefix = label + " rest " + user.username() + " #";
        loops.add(CompletableFuture.runAsync(() -> {
            for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
                Response response;
                try {
                    response = client.post("/api/chats/" + chat + "/messages", user.token(), json("text", prefix + i));
                } catch (RuntimeException serverGone) {
                    return;
                }
                if (response.status() != 201) {
                    return;
                }
                acked.add(new Acked(response.text("id"), response.number("seq"), response.text("text")));
            }
        }, threads));
    }

    private void startSocket(TestUser user) {
        IO.Options options = new IO.Options();
        options.transports = new String[] {"websocket"};
        options.forceNew = true;
        options.reconnection = false;
        options.timeout = TIMEOUT.toMillis();
        options.auth = Map.of("token", user.token());
        SocketLoop loop = new SocketLoop(IO.socket(URI.create("http://127.0.0.1:" + port), options),
                label + " socket " + user.username() + " #");
        sockets.add(loop.socket);
        loops.add(loop.stopped);
        loop.socket.connect();
        OfficialClientJson.result(loop.connected, TIMEOUT);
    }

    /** One socket: sends its first message once connected, each next one from the ack of the previous. */
    private final class SocketLoop {

        private final Socket socket;
        private final String prefix;
        private final CompletableFuture<Void> connected = new CompletableFuture<>();
        private final CompletableFuture<Void> stopped = new CompletableFuture<>();
        private int sent;

        SocketLoop(Socket socket, String prefix) {
            this.socket = socket;
            this.prefix = prefix;
            socket.on(Socket.EVENT_CONNECT, args -> {
                connected.complete(null);
                sendNext();
            });
            socket.on(Socket.EVENT_CONNECT_ERROR, args -> connected.completeExceptionally(
                    new IllegalStateException("connect_error " + (args.length > 0 ? args[0] : ""))));
            socket.on(Socket.EVENT_DISCONNECT, args -> stopped.complete(null));
        }

        private void sendNext() {
            JSONObject payload = OfficialClientJson.object("chatId", chat, "text", prefix + sent++);
            socket.emit("message:send", new Object[] {payload}, this::acknowledged);
        }

        private void acknowledged(Object... reply) {
            JSONObject ack = (JSONObject) reply[0];
            if (!ack.optBoolean("ok")) {
                stopped.complete(null);
                return;
            }
            JSONObject message = ack.optJSONObject("message");
            acked.add(new Acked(message.optString("id"), message.optLong("seq"), message.optString("text")));
            sendNext();
        }
    }
}
