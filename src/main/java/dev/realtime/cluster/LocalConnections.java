package dev.realtime.cluster;

import dev.realtime.presence.PresenceService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's own connections and the status last known here of their users, kept whatever Redis answered, so
 * that they can be written again once Redis is back (it may have lost everything). As large as the node's
 * connections: nothing here comes from outside but what the gateway already admitted.
 */
final class LocalConnections {

    private record Local(Set<String> connections, String status) {
    }

    private final Map<String, Local> byUser = new ConcurrentHashMap<>();

    void add(String userId, String connectionId) {
        byUser.compute(userId, (id, local) -> {
            Set<String> connections = local == null ? new HashSet<>() : new HashSet<>(local.connections());
            connections.add(connectionId);
            return new Local(Set.copyOf(connections), local == null ? PresenceService.ONLINE : local.status());
        });
    }

    void remove(String userId, String connectionId) {
        byUser.computeIfPresent(userId, (id, local) -> {
            Set<String> connections = new HashSet<>(local.connections());
            connections.remove(connectionId);
            return connections.isEmpty() ? null : new Local(Set.copyOf(connections), local.status());
        });
    }

    void status(String userId, String status) {
        byUser.computeIfPresent(userId, (id, local) -> new Local(local.connections(), status));
    }

    boolean holds(String userId, String connectionId) {
        Local local = byUser.get(userId);
        return local != null && local.connections().contains(connectionId);
    }

    /** Connection id to user id, as they are now. */
    Map<String, String> connections() {
        Map<String, String> connections = new HashMap<>();
        byUser.forEach((userId, local) -> local.connections().forEach(id -> connections.put(id, userId)));
        return connections;
    }

    /** The restore script's arguments: connection, user, status for each connection. */
    List<String> asArguments(Map<String, String> connections) {
        List<String> arguments = new ArrayList<>(connections.size() * 3);
        connections.forEach((connectionId, userId) -> {
            Local local = byUser.get(userId);
            arguments.add(connectionId);
            arguments.add(userId);
            arguments.add(local == null ? PresenceService.ONLINE : local.status());
        });
        return arguments;
    }
}
