package dev.realtime.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.socket.client.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A socket of the official Java client and everything it received, in arrival order; its acks are awaited for a
 * bounded time, and a disconnect fails a pending one at once instead of letting it time out.
 */
public class RecordingSocket {

    /** One event a socket received: its name and its arguments (org.json values as plain Java ones). */
    public record Received(String event, List<Object> args) {

        public Map<String, Object> payload() {
            return OfficialClientJson.map(args.get(0));
        }
    }

    private final Socket socket;
    private final Duration timeout;
    private final List<Received> incoming = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final CompletableFuture<Object> connectError = new CompletableFuture<>();
    private final CompletableFuture<String> disconnected = new CompletableFuture<>();

    public RecordingSocket(Socket socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
        socket.onAnyIncoming(args -> incoming.add(new Received((String) args[0],
                Arrays.stream(args, 1, args.length).map(OfficialClientJson::plain).toList())));
        socket.on(Socket.EVENT_CONNECT, args -> connected.complete(null));
        socket.on(Socket.EVENT_CONNECT_ERROR, args -> {
            Object error = args.length > 0 ? OfficialClientJson.plain(args[0]) : null;
            connectError.complete(error);
            connected.completeExceptionally(new IllegalStateException("connect_error " + error));
        });
        socket.on(Socket.EVENT_DISCONNECT, args -> disconnected.complete(String.valueOf(args[0])));
    }

    public RecordingSocket connect() {
        socket.connect();
        return this;
    }

    public RecordingSocket awaitConnected() {
        OfficialClientJson.result(connected, timeout);
        return this;
    }

    public CompletableFuture<Object> connectError() {
        return connectError;
    }

    /** Completes with the reason once the socket is disconnected. */
    public CompletableFuture<String> disconnected() {
        return disconnected;
    }

    public boolean isConnected() {
        return socket.connected();
    }

    public void close() {
        socket.close();
    }

    /** Emits without ack. */
    public void emit(String event, Object... args) {
        socket.emit(event, args);
    }

    /** Emits with an ack callback and waits for the server's answer, its first argument. */
    public Map<String, Object> ack(String event, Object... args) {
        Object[] reply = OfficialClientJson.result(ackAsync(event, args), timeout);
        assertThat(reply).as("ack of %s", event).hasSize(1);
        return OfficialClientJson.map(OfficialClientJson.plain(reply[0]));
    }

    /** Emits with an ack callback; the future completes with the ack's arguments, or fails on a disconnect. */
    public CompletableFuture<Object[]> ackAsync(String event, Object... args) {
        CompletableFuture<Object[]> answer = new CompletableFuture<>();
        disconnected.thenAccept(reason -> answer.completeExceptionally(
                new IllegalStateException("disconnected (" + reason + ") before the ack")));
        socket.emit(event, args, answer::complete);
        return answer;
    }

    /** The first argument of each received event of this name, in arrival order. */
    public List<Map<String, Object>> received(String event) {
        return incoming.stream().filter(received -> received.event().equals(event))
                .map(Received::payload).toList();
    }

    /** The received events of these names, in arrival order. */
    public List<Received> receivedAny(String... events) {
        List<String> names = List.of(events);
        return incoming.stream().filter(received -> names.contains(received.event())).toList();
    }
}
