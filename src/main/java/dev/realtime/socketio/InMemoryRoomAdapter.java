package dev.realtime.socketio;

import dev.realtime.engineio.EnginePacket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Rooms held in this process. Single node only: broadcasts and cluster-wide operations reach this node's sockets
 * and no others. A cluster adapter keeps its node's rooms in one of these.
 */
public final class InMemoryRoomAdapter implements RoomAdapter {

    private static final Logger log = LoggerFactory.getLogger(InMemoryRoomAdapter.class);

    private final Namespace namespace;
    private final Map<String, Set<String>> socketsByRoom = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> roomsBySocket = new ConcurrentHashMap<>();

    public InMemoryRoomAdapter(Namespace namespace) {
        this.namespace = namespace;
    }

    @Override
    public void join(String socketId, Set<String> rooms) {
        Set<String> mine = roomsBySocket.computeIfAbsent(socketId, id -> ConcurrentHashMap.newKeySet());
        for (String room : rooms) {
            if (mine.add(room)) {
                socketsByRoom.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(socketId);
            }
        }
    }

    @Override
    public void leave(String socketId, String room) {
        Set<String> mine = roomsBySocket.get(socketId);
        if (mine != null && mine.remove(room)) {
            removeMember(room, socketId);
        }
    }

    @Override
    public void leaveAll(String socketId) {
        Set<String> mine = roomsBySocket.remove(socketId);
        if (mine != null) {
            mine.forEach(room -> removeMember(room, socketId));
        }
    }

    private void removeMember(String room, String socketId) {
        socketsByRoom.computeIfPresent(room, (r, members) -> {
            members.remove(socketId);
            return members.isEmpty() ? null : members;
        });
    }

    @Override
    public Set<String> rooms(String socketId) {
        Set<String> mine = roomsBySocket.get(socketId);
        return mine == null ? Set.of() : Set.copyOf(mine);
    }

    /** Counts in one pass over the rooms, so only when asked (a scrape), never on the way of a join or leave. */
    @Override
    public int roomCount() {
        int count = 0;
        for (String room : socketsByRoom.keySet()) {
            if (!roomsBySocket.containsKey(room)) {
                count++;
            }
        }
        return count;
    }

    @Override
    public Set<String> sockets(BroadcastTarget target) {
        Set<String> ids = new HashSet<>();
        if (target.rooms().isEmpty()) {
            ids.addAll(roomsBySocket.keySet());
        } else {
            for (String room : target.rooms()) {
                Set<String> members = socketsByRoom.get(room);
                if (members != null) {
                    ids.addAll(members);
                }
            }
        }
        for (String room : target.except()) {
            Set<String> members = socketsByRoom.get(room);
            if (members != null) {
                ids.removeAll(members);
            }
        }
        return ids;
    }

    @Override
    public void broadcast(Broadcast broadcast) {
        deliver(broadcast.data().get(0).asString(), broadcast.packets(), broadcast.target(), broadcast.flags());
    }

    /**
     * Sends the same packet list, an event of that name, to every socket of this node the target reaches; a volatile
     * one is left out for sockets whose peer is far behind.
     */
    public void deliver(String event, List<EnginePacket> packets, BroadcastTarget target, BroadcastFlags flags) {
        boolean droppable = flags.volatileDelivery();
        long start = System.nanoTime();
        int recipients = 0;
        for (String id : sockets(target)) {
            Socket socket = namespace.socket(id);
            if (socket == null) {
                continue;
            }
            try {
                if (socket.deliver(packets, droppable)) {
                    recipients++;
                }
            } catch (RuntimeException e) {
                log.warn("broadcast to socket {} failed, going on with the others", id, e);
            }
        }
        namespace.metrics().broadcastDelivered(event, recipients, System.nanoTime() - start);
    }

    @Override
    public void socketsJoin(BroadcastTarget target, Set<String> rooms) {
        // Through the socket, which keeps a socket disconnecting meanwhile out of the rooms.
        forEachSocket(target, socket -> rooms.forEach(socket::join));
    }

    @Override
    public void socketsLeave(BroadcastTarget target, Set<String> rooms) {
        for (String id : sockets(target)) {
            rooms.forEach(room -> leave(id, room));
        }
    }

    @Override
    public void disconnectSockets(BroadcastTarget target, boolean close) {
        forEachSocket(target, socket -> {
            if (close) {
                socket.disconnectAndClose();
            } else {
                socket.disconnect();
            }
        });
    }

    @Override
    public CompletableFuture<List<SocketDetails>> fetchSockets(BroadcastTarget target) {
        return CompletableFuture.completedFuture(localSockets(target));
    }

    /** The details of this node's sockets the target reaches. */
    public List<SocketDetails> localSockets(BroadcastTarget target) {
        List<SocketDetails> details = new ArrayList<>();
        forEachSocket(target, socket -> details.add(new SocketDetails(socket.id(),
                HandshakeJson.of(socket.handshake(), "/socket.io/", namespace.codec().mapper()),
                rooms(socket.id()), namespace.codec().mapper().createObjectNode())));
        return details;
    }

    @Override
    public CompletableFuture<Set<String>> allRooms() {
        return CompletableFuture.completedFuture(localRooms());
    }

    /** Whether the room has a member on this node. */
    public boolean hasRoom(String room) {
        return socketsByRoom.containsKey(room);
    }

    /** The rooms that have a member on this node. */
    public Set<String> localRooms() {
        return Set.copyOf(socketsByRoom.keySet());
    }

    @Override
    public void serverSideEmit(String event, List<JsonNode> args) {
        // No other node to reach.
    }

    private void forEachSocket(BroadcastTarget target, Consumer<Socket> action) {
        for (String id : sockets(target)) {
            Socket socket = namespace.socket(id);
            if (socket == null) {
                continue;
            }
            try {
                action.accept(socket);
            } catch (RuntimeException e) {
                log.warn("operation on socket {} failed, going on with the others", id, e);
            }
        }
    }
}
