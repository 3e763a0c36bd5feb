package dev.realtime.socketio;

import dev.realtime.engineio.EnginePacket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;

/**
 * One client's connection to one namespace. Its id differs from the Engine.IO session id, is unguessable and
 * names a room that holds this socket alone. Thread-safe.
 */
public final class Socket {

    private final String id;
    private final Namespace namespace;
    private final Client client;
    private final Handshake handshake;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<List<JsonNode>>> pendingAcks = new ConcurrentHashMap<>();
    private final AtomicLong nextAckId = new AtomicLong();
    private enum State { NEW, CONNECTED, DISCONNECTED }

    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);

    Socket(String id, Namespace namespace, Client client, Handshake handshake) {
        this.id = id;
        this.namespace = namespace;
        this.client = client;
        this.handshake = handshake;
    }

    public String id() {
        return id;
    }

    public Namespace namespace() {
        return namespace;
    }

    public Handshake handshake() {
        return handshake;
    }

    public boolean isConnected() {
        return state.get() == State.CONNECTED;
    }

    /** Application state attached to this socket (the authenticated user, for one). */
    public Map<String, Object> attributes() {
        return attributes;
    }

    public void join(String room) {
        namespace.adapter().join(id, Set.of(room));
        // A disconnect may have emptied this socket's rooms while it was joining: it must not stay behind.
        if (state.get() == State.DISCONNECTED) {
            namespace.adapter().leaveAll(id);
        }
    }

    public void leave(String room) {
        namespace.adapter().leave(id, room);
    }

    public Set<String> rooms() {
        return namespace.adapter().rooms(id);
    }

    /** Sends an event to this socket alone. */
    public void emit(String event, Object... args) {
        if (deliver(namespace.encodeEvent(event, null, args))) {
            namespace.metrics().eventSent(event);
        }
    }

    /**
     * Sends an event and waits for the client's acknowledgement. The future fails with a {@link TimeoutException}
     * when none comes in time, and with an {@link IllegalStateException} when the socket disconnects first.
     */
    public CompletableFuture<List<JsonNode>> emitWithAck(Duration timeout, String event, Object... args) {
        long ackId = nextAckId.getAndIncrement();
        CompletableFuture<List<JsonNode>> answer = new CompletableFuture<>();
        pendingAcks.put(ackId, answer);
        ScheduledFuture<?> expiry = client.timer().schedule(() -> {
            if (pendingAcks.remove(ackId) != null) {
                answer.completeExceptionally(new TimeoutException("no ack for '" + event + "' within " + timeout));
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        // However the answer is settled (ack, disconnect, or the caller's own orTimeout or cancel), the ack is no
        // longer awaited, and its timeout must not keep the answer on the timer for as long as the caller would wait.
        // Registered after scheduling, so an answer that came first still cancels it, at once.
        answer.whenComplete((ackArgs, failure) -> {
            pendingAcks.remove(ackId, answer);
            expiry.cancel(false);
        });
        if (!isConnected()) {
            failPendingAcks();
        }
        if (deliver(namespace.encodeEvent(event, ackId, args))) {
            namespace.metrics().eventSent(event);
        }
        return answer;
    }

    /** Broadcasts to a room from this socket: every socket in it but this one. */
    public BroadcastOperator to(String room) {
        return namespace.to(room).except(id);
    }

    /** Disconnects this socket from its namespace; the underlying connection stays for other namespaces. */
    public void disconnect() {
        if (isConnected()) {
            deliver(namespace.codec().encode(PacketKind.DISCONNECT, namespace.name(), null, null));
            onDisconnect("server namespace disconnect");
        }
    }

    /** Disconnects this socket and closes the client's whole connection. */
    public void disconnectAndClose() {
        disconnect();
        client.close();
    }

    /** @return false when the socket is not connected, and the packets were dropped */
    boolean deliver(List<EnginePacket> packets) {
        return deliver(packets, false);
    }

    /**
     * @param droppable whether the packets may be left out for a peer that is far behind (a volatile broadcast)
     * @return false when the socket is not connected, and the packets were dropped
     */
    boolean deliver(List<EnginePacket> packets, boolean droppable) {
        if (!isConnected()) {
            return false;
        }
        client.send(packets, droppable);
        return true;
    }

    /** @return false when the socket was disconnected before it could be connected */
    boolean onConnected() {
        return state.compareAndSet(State.NEW, State.CONNECTED);
    }

    void onAck(long ackId, List<JsonNode> args) {
        CompletableFuture<List<JsonNode>> answer = pendingAcks.remove(ackId);
        if (answer != null) {
            answer.complete(args);
        }
    }

    /** Disconnects once: of a client DISCONNECT, a server disconnect and a closing transport, the first wins. */
    void onDisconnect(String reason) {
        if (!state.compareAndSet(State.CONNECTED, State.DISCONNECTED)) {
            return;
        }
        client.forget(this);
        namespace.remove(this, reason);
        failPendingAcks();
    }

    private void failPendingAcks() {
        pendingAcks.keySet().forEach(ackId -> {
            CompletableFuture<List<JsonNode>> answer = pendingAcks.remove(ackId);
            if (answer != null) {
                answer.completeExceptionally(new IllegalStateException("socket disconnected"));
            }
        });
    }

    @Override
    public String toString() {
        return "Socket[" + id + " " + namespace.name() + "]";
    }
}
