package dev.realtime.socketio;

import dev.realtime.engineio.EnginePacket;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Rooms held in this process. Single node only: broadcasts reach this node's sockets and no others. */
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
    public void broadcast(List<EnginePacket> packets, BroadcastTarget target) {
        for (String id : sockets(target)) {
            Socket socket = namespace.socket(id);
            if (socket == null) {
                continue;
            }
            try {
                socket.deliver(packets);
            } catch (RuntimeException e) {
                log.warn("broadcast to socket {} failed, going on with the others", id, e);
            }
        }
    }
}
