package dev.realtime.socketio;

import dev.realtime.engineio.EnginePacket;
import java.util.List;
import java.util.Set;

/**
 * Room membership and broadcast for one namespace: the seam between a single node and a cluster.
 *
 * <p>Each node keeps the membership of its own sockets and fans out to them itself. A cluster implementation
 * also forwards each broadcast to the other nodes, which deliver it to their local sockets; it never delivers a
 * broadcast twice on the node that sent it. Delivery is at most once, in the order a node sent them per sender.
 * Implementations are thread-safe and must not block the caller on network I/O.
 */
public interface RoomAdapter {

    /** Adds the socket to the rooms. Idempotent. */
    void join(String socketId, Set<String> rooms);

    /** Removes the socket from one room. Idempotent. */
    void leave(String socketId, String room);

    /** Removes the socket from every room it is in; called when it disconnects. */
    void leaveAll(String socketId);

    /** The rooms the socket is in, a snapshot. */
    Set<String> rooms(String socketId);

    /** The ids of this node's sockets the target reaches, a snapshot. */
    Set<String> sockets(BroadcastTarget target);

    /**
     * Delivers already encoded packets to every socket the target reaches. One failing recipient never stops
     * the others.
     */
    void broadcast(List<EnginePacket> packets, BroadcastTarget target);
}
