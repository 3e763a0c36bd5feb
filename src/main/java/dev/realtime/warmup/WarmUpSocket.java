package dev.realtime.warmup;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One loopback Socket.IO client of the warm-up, over the JDK's WebSocket client (its own threads, none of the
 * server's): answers the Engine.IO open and pings, connects to "/" with the token, emits events with acks and
 * counts the acks and the events it receives.
 */
final class WarmUpSocket implements WebSocket.Listener {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final String token;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong acks = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private CompletableFuture<WebSocket> sending;
    private int nextAckId;

    private WarmUpSocket(String token) {
        this.token = token;
    }

    /** Opens a socket and waits until its Socket.IO connect was accepted; fails when it was not within 5 s. */
    static WarmUpSocket connect(HttpClient client, URI uri, String token) throws Exception {
        WarmUpSocket socket = new WarmUpSocket(token);
        client.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT).buildAsync(uri, socket)
                .get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        socket.connected.get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return socket;
    }

    int inFlight() {
        return inFlight.get();
    }

    long acks() {
        return acks.get();
    }

    long received() {
        return received.get();
    }

    /** Emits {@code 42<id>[event, json]} and counts it in flight until its ack arrives. */
    synchronized void emitWithAck(String event, String json) {
        inFlight.incrementAndGet();
        send("42" + nextAckId++ + "[\"" + event + "\"," + json + "]");
    }

    synchronized void close() {
        sending = sending.thenCompose(ws -> ws.sendClose(WebSocket.NORMAL_CLOSURE, ""));
    }

    @Override
    public synchronized void onOpen(WebSocket webSocket) {
        sending = CompletableFuture.completedFuture(webSocket);
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            handle(text);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        connected.completeExceptionally(error);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        connected.completeExceptionally(new IllegalStateException("closed: " + statusCode + " " + reason));
        return null;
    }

    private void handle(String text) {
        if (text.startsWith("0{")) {
            send("40{\"token\":\"" + token + "\"}");
        } else if (text.startsWith("40")) {
            connected.complete(null);
        } else if (text.startsWith("44")) {
            connected.completeExceptionally(new IllegalStateException("connect refused: " + text));
        } else if (text.equals("2")) {
            send("3");
        } else if (text.startsWith("43")) {
            acks.incrementAndGet();
            inFlight.decrementAndGet();
        } else if (text.startsWith("42")) {
            received.incrementAndGet();
        }
    }

    // The JDK client allows one outstanding send: each waits for the one before.
    private synchronized void send(String text) {
        sending = sending.thenCompose(ws -> ws.sendText(text, true));
    }
}
