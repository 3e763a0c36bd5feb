package dev.realtime.socketio;

import java.util.Set;

/**
 * Who a broadcast reaches within one namespace.
 *
 * @param rooms  sockets in any of these rooms; every socket of the namespace when empty
 * @param except minus the sockets in any of these rooms
 */
public record BroadcastTarget(Set<String> rooms, Set<String> except) {

    public BroadcastTarget {
        rooms = Set.copyOf(rooms);
        except = Set.copyOf(except);
    }
}
