package dev.realtime.engineio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@link EngineServer} driven the way the HTTP layer drives it, minus the HTTP: poll bodies are bare futures and
 * WebSockets are {@link FakeWebSocketConnection}s. Every session gets its own {@link RecordingHandler}.
 */
final class EngineFixture implements AutoCloseable {

    static final HandshakeRequest POLLING = new HandshakeRequest(
            Map.of("EIO", "4", "transport", "polling"), Map.of(), "127.0.0.1");
    static final HandshakeRequest WEBSOCKET = new HandshakeRequest(
            Map.of("EIO", "4", "transport", "websocket"), Map.of(), "127.0.0.1");

    private static final Pattern SID = Pattern.compile("^0\\{\"sid\":\"([^\"]+)\"");

    /** What the server reported about slow peers. */
    static final class CountingMetrics implements EngineMetrics {
        final AtomicInteger dropped = new AtomicInteger();
        final AtomicInteger slowClosed = new AtomicInteger();

        @Override
        public void outboundDropped() {
            dropped.incrementAndGet();
        }

        @Override
        public void slowConsumerClosed() {
            slowClosed.incrementAndGet();
        }
    }

    private final EngineServer server;
    private final CountingMetrics metrics = new CountingMetrics();
    private final Map<String, RecordingHandler> handlers = new ConcurrentHashMap<>();

    EngineFixture(EngineOptions options) {
        server = new EngineServer(options,
                session -> handlers.computeIfAbsent(session.id(), id -> new RecordingHandler()), metrics);
    }

    EngineServer server() {
        return server;
    }

    CountingMetrics metrics() {
        return metrics;
    }

    /** Opens a session on long-polling and returns its sid; the open packet has been taken by the handshake GET. */
    String openPolling() {
        return sidOf(body(server.handshake(POLLING, new CompletableFuture<>())).join());
    }

    /** Opens a session on WebSocket; the open packet is the first frame its connection holds. */
    WebSocketPeer openWebSocket() {
        FakeWebSocketConnection connection = new FakeWebSocketConnection();
        WebSocketInbound inbound = server.accept(null, WEBSOCKET, connection);
        return new WebSocketPeer(sidOf(connection.textFrames().get(0)), connection, inbound);
    }

    /** Connects a WebSocket with the sid of an existing session, as a client probing an upgrade does. */
    WebSocketPeer probe(String sid) {
        FakeWebSocketConnection connection = new FakeWebSocketConnection();
        return new WebSocketPeer(sid, connection, server.accept(sid, WEBSOCKET, connection));
    }

    /** A GET with sid, expected to be answered with a body (now or later). */
    CompletableFuture<String> get(String sid) {
        return body(server.poll(sid, new CompletableFuture<>()));
    }

    /** A GET with sid, expected to be refused. */
    EngineError refusedGet(String sid) {
        return refusal(server.poll(sid, new CompletableFuture<>()));
    }

    /** A POST with sid, expected to be accepted; returns its response body. */
    String post(String sid, String payload) {
        return body(server.post(sid, payload)).join();
    }

    /** A POST with sid, expected to be refused. */
    EngineError refusedPost(String sid, String payload) {
        return refusal(server.post(sid, payload));
    }

    EngineSession session(String sid) {
        return server.sessions().stream().filter(s -> s.id().equals(sid)).findFirst().orElseThrow();
    }

    RecordingHandler handler(String sid) {
        return handlers.get(sid);
    }

    static String sidOf(String openPayload) {
        Matcher matcher = SID.matcher(openPayload);
        assertThat(matcher.find()).as("open packet %s", openPayload).isTrue();
        return matcher.group(1);
    }

    static CompletableFuture<String> body(PollResult result) {
        assertThat(result).isInstanceOf(PollResult.Body.class);
        return ((PollResult.Body) result).payload();
    }

    static EngineError refusal(PollResult result) {
        assertThat(result).isInstanceOf(PollResult.Refused.class);
        return ((PollResult.Refused) result).error();
    }

    /** The client end of one WebSocket: what it sends goes to {@code inbound}, what it receives is in {@code connection}. */
    record WebSocketPeer(String sid, FakeWebSocketConnection connection, WebSocketInbound inbound) {
    }

    @Override
    public void close() {
        server.close();
    }
}
