package dev.realtime.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bare WebSocket speaking Engine.IO by hand, to send what no official client would. With {@code reading}
 * false it takes no frame after the first, so its socket stops being read, like a stalled client's.
 */
final class RawWebSocket implements WebSocket.Listener, AutoCloseable {

    private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile String closeReason;
    private volatile CompletableFuture<Void> pong = new CompletableFuture<>();
    private final boolean reading;
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private RawWebSocket(boolean reading) {
        this.reading = reading;
    }

    static RawWebSocket connect(int port, String origin, boolean reading) {
        RawWebSocket listener = new RawWebSocket(reading);
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        listener.socket = builder.buildAsync(
                URI.create("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket"), listener).join();
        return listener;
    }

    /** Opens the Engine.IO session, joins namespace "/it" and returns the Socket.IO CONNECT answer. */
    String connectToTestNamespace() throws InterruptedException {
        return connectTo("/it");
    }

    /** Opens the Engine.IO session, joins that namespace and returns the Socket.IO CONNECT answer. */
    String connectTo(String namespace) throws InterruptedException {
        String open = next();
        if (!open.startsWith("0{")) {
            throw new IllegalStateException("expected the open packet, got " + open);
        }
        send("40" + namespace + ",");
        return next();
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    /** Sends one text message split over several frames, each part a frame. */
    /**
     * Sends the parts as fragments of one text message. A server that closes midway (the message went over its
     * limit) ends the sending: what it answered is then in {@link #closed()}.
     */
    void sendFragmented(String... parts) {
        for (int i = 0; i < parts.length; i++) {
            try {
                socket.sendText(parts[i], i == parts.length - 1).join();
            } catch (java.util.concurrent.CompletionException e) {
                if (!closed().isDone() && !(e.getCause() instanceof java.io.IOException)) {
                    throw e;
                }
                return;
            }
        }
    }

    void sendBinary(byte[] data) {
        socket.sendBinary(ByteBuffer.wrap(data), true).join();
    }

    /**
     * Sends a WebSocket ping and waits for the pong. The server answers it on the event loop that reads this
     * connection, once every frame sent before it has been handled: a way to know the server has taken them all.
     */
    void roundTrip() throws Exception {
        roundTrip(Duration.ofSeconds(5));
    }

    /** {@link #roundTrip()} with a wait of its own, for frames that take a loaded machine long to handle. */
    void roundTrip(Duration wait) throws Exception {
        pong = new CompletableFuture<>();
        socket.sendPing(ByteBuffer.wrap(new byte[] {1})).join();
        pong.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next text frame other than a ping; fails after 5 seconds. */
    String next() throws InterruptedException {
        while (true) {
            String text = texts.poll(5, TimeUnit.SECONDS);
            if (text == null) {
                throw new IllegalStateException("no frame within 5 s");
            }
            if (!text.equals("2")) {
                return text;
            }
            send("3");
        }
    }

    /** Completes with the status code of the server's close frame (-1 when the connection broke without one). */
    CompletableFuture<Integer> closed() {
        return closed;
    }

    /** The reason of the server's close frame, once {@link #closed()} completed with a code. */
    String closeReason() {
        return closeReason;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            texts.add(partial.toString());
            partial.setLength(0);
        }
        if (reading) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        if (reading) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        pong.complete(null);
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason = reason;
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
