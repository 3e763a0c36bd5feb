package dev.realtime.socketio;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;

/**
 * Room membership and broadcast for one namespace: the seam between a single node and a cluster.
 *
 * <p>Each node keeps the membership of its own sockets and fans out to them itself, sending every local recipient
 * the packets its node encoded once. A cluster implementation also forwards each broadcast and each cluster-wide
 * operation to the other nodes, once per operation (never once per socket), and they apply it to their local
 * sockets; the node that sent it never applies it a second time.
 *
 * <p>Guarantees across nodes: delivery is at most once, and the broadcasts of one sender reach each node in the
 * order that sender made them; nothing is ordered between different senders. While the link between the nodes is
 * down, every operation still applies to this node's sockets at once, nothing is forwarded or kept for later (the
 * other nodes miss it), and the cluster-wide queries fail. Once the link is back, forwarding resumes by itself.
 *
 * <p>Implementations are thread-safe and never block the caller on network I/O.
 */
public interface RoomAdapter {

    /** Adds a socket of this node to the rooms. Idempotent. */
    void join(String socketId, Set<String> rooms);

    /** Removes a socket of this node from one room. Idempotent. */
    void leave(String socketId, String room);

    /** Removes a socket of this node from every room it is in; called when it disconnects. */
    void leaveAll(String socketId);

    /** The rooms a socket of this node is in, a snapshot. */
    Set<String> rooms(String socketId);

    /** How many rooms have a member on this node, not counting each socket's own room; for monitoring. */
    int roomCount();

    /** The ids of this node's sockets the target reaches, a snapshot. */
    Set<String> sockets(BroadcastTarget target);

    /**
     * Delivers the broadcast's packets to every socket of this node the target reaches and, unless its flags say
     * local, forwards it to the other nodes. One failing recipient never stops the others.
     */
    void broadcast(Broadcast broadcast);

    /** Every socket the target reaches, on every node, joins the rooms. */
    void socketsJoin(BroadcastTarget target, Set<String> rooms);

    /** Every socket the target reaches, on every node, leaves the rooms. */
    void socketsLeave(BroadcastTarget target, Set<String> rooms);

    /**
     * Every socket the target reaches, on every node, is disconnected from the namespace; with {@code close}, its
     * whole connection is closed too.
     */
    void disconnectSockets(BroadcastTarget target, boolean close);

    /**
     * The sockets the target reaches on every node. Fails when a node that should answer does not in time, or
     * while the cluster link is down: never a silently partial answer.
     */
    CompletableFuture<List<SocketDetails>> fetchSockets(BroadcastTarget target);

    /** The names of the rooms that have a member on any node, socket id rooms included. Fails as fetchSockets. */
    CompletableFuture<Set<String>> allRooms();

    /**
     * Sends an event to the server-side listeners ({@link Namespace#onServerSideEmit}) of the other nodes, not of
     * this one. Without other nodes it reaches no one.
     */
    void serverSideEmit(String event, List<JsonNode> args);
}
