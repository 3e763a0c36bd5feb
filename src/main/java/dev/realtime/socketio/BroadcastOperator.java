package dev.realtime.socketio;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * An immutable choice of recipients within a namespace: {@code to()} and {@code except()} return new operators.
 * {@link #emit} encodes the packet once and the adapter shares its bytes among all recipients; it and the other
 * operations reach every node of a cluster (see {@link RoomAdapter}).
 */
public final class BroadcastOperator {

    private final Namespace namespace;
    private final Set<String> rooms;
    private final Set<String> except;
    private final BroadcastFlags flags;

    BroadcastOperator(Namespace namespace, Set<String> rooms, Set<String> except, BroadcastFlags flags) {
        this.namespace = namespace;
        this.rooms = Set.copyOf(rooms);
        this.except = Set.copyOf(except);
        this.flags = flags;
    }

    /** Also reach the sockets in this room. */
    public BroadcastOperator to(String room) {
        return new BroadcastOperator(namespace, plus(rooms, room), except, flags);
    }

    /** Leave out the sockets in this room (a socket id names the room of that socket alone). */
    public BroadcastOperator except(String room) {
        return new BroadcastOperator(namespace, rooms, plus(except, room), flags);
    }

    /**
     * Socket.IO's {@code volatile}: the event may be left out for a socket whose peer is far behind, for events the
     * next one supersedes (typing, presence).
     */
    public BroadcastOperator volatileDelivery() {
        return new BroadcastOperator(namespace, rooms, except, flags.withVolatileDelivery());
    }

    /** Sends the event to every socket this operator reaches, on this node and, with a cluster adapter, others. */
    public void emit(String event, Object... args) {
        namespace.broadcast(target(), flags, event, args);
    }

    /** The ids of this node's sockets this operator reaches. */
    public Set<String> socketIds() {
        return namespace.adapter().sockets(target());
    }

    /** The sockets this operator reaches join the rooms. */
    public void socketsJoin(String... rooms) {
        namespace.adapter().socketsJoin(target(), Set.of(rooms));
    }

    /** The sockets this operator reaches leave the rooms. */
    public void socketsLeave(String... rooms) {
        namespace.adapter().socketsLeave(target(), Set.of(rooms));
    }

    /** The sockets this operator reaches are disconnected; with {@code close}, their connections closed too. */
    public void disconnectSockets(boolean close) {
        namespace.adapter().disconnectSockets(target(), close);
    }

    /** The sockets this operator reaches, on every node (see {@link RoomAdapter#fetchSockets}). */
    public CompletableFuture<List<SocketDetails>> fetchSockets() {
        return namespace.adapter().fetchSockets(target());
    }

    private BroadcastTarget target() {
        return new BroadcastTarget(rooms, except);
    }

    private static Set<String> plus(Set<String> set, String value) {
        Set<String> copy = new HashSet<>(set);
        copy.add(value);
        return copy;
    }
}
