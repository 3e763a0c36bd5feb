package dev.realtime.socketio;

import java.util.HashSet;
import java.util.Set;

/**
 * An immutable choice of recipients within a namespace: {@code to()} and {@code except()} return new operators.
 * {@link #emit} encodes the packet once and the adapter shares its bytes among all recipients.
 */
public final class BroadcastOperator {

    private final Namespace namespace;
    private final Set<String> rooms;
    private final Set<String> except;

    BroadcastOperator(Namespace namespace, Set<String> rooms, Set<String> except) {
        this.namespace = namespace;
        this.rooms = Set.copyOf(rooms);
        this.except = Set.copyOf(except);
    }

    /** Also reach the sockets in this room. */
    public BroadcastOperator to(String room) {
        return new BroadcastOperator(namespace, plus(rooms, room), except);
    }

    /** Leave out the sockets in this room (a socket id names the room of that socket alone). */
    public BroadcastOperator except(String room) {
        return new BroadcastOperator(namespace, rooms, plus(except, room));
    }

    /** Sends the event to every socket this operator reaches, on this node and, with a cluster adapter, others. */
    public void emit(String event, Object... args) {
        namespace.broadcast(new BroadcastTarget(rooms, except), event, args);
    }

    /** The ids of this node's sockets this operator reaches. */
    public Set<String> socketIds() {
        return namespace.adapter().sockets(new BroadcastTarget(rooms, except));
    }

    private static Set<String> plus(Set<String> set, String value) {
        Set<String> copy = new HashSet<>(set);
        copy.add(value);
        return copy;
    }
}
