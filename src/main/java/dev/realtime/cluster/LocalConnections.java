package dev.realtime.cluster;

import dev.realtime.presence.PresenceStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's own connections and the status last known here of their users, kept whatever Redis answered, so
 * that they can be written again once Redis is back (it may have lost everything). As large as the node's
 * connections: nothing here comes from outside but what the gateway already admitted. Also the users whose last
 * connection here closed while Redis could not be told, at most {@link #MAX_DEPARTED} of them.
 */
final class LocalConnections {

    /** The set is changed in place inside the map's compute for the user; a copy per change cost O(connections). */
    private record Local(Set<String> connections, PresenceStatus status) {
    }

    static final int MAX_DEPARTED = 100_000;

    private final Map<String, Local> byUser = new ConcurrentHashMap<>();
    private final Map<String, Long> departed = new ConcurrentHashMap<>();

    void add(String userId, String connectionId) {
        departed.remove(userId);
        byUser.compute(userId, (id, local) -> {
            Local now = local == null ? new Local(ConcurrentHashMap.newKeySet(), PresenceStatus.ONLINE) : local;
            now.connections().add(connectionId);
            return now;
        });
    }

    void remove(String userId, String connectionId) {
        byUser.computeIfPresent(userId, (id, local) -> {
            local.connections().remove(connectionId);
            return local.connections().isEmpty() ? null : local;
        });
    }

    void status(String userId, PresenceStatus status) {
        byUser.computeIfPresent(userId, (id, local) -> new Local(local.connections(), status));
    }

    /**
     * The user's connection closed while Redis could not be told: if it was the last here, the user must still go
     * offline should Redis come back without its entry. Past the bound such a user would stay shown online after
     * a Redis restart; the bound is far above the users one node serves.
     */
    void departedWhileUnlinked(String userId, long closedAtMicros) {
        if (!byUser.containsKey(userId) && departed.size() < MAX_DEPARTED) {
            departed.put(userId, closedAtMicros);
        }
    }

    /** User id to when its last connection here closed, for the users {@link #departedWhileUnlinked}. */
    Map<String, Long> departed() {
        return Map.copyOf(departed);
    }

    /** Those were written: forgets them, unless a user departed again since. */
    void forgetDeparted(Map<String, Long> written) {
        written.forEach(departed::remove);
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
            arguments.add((local == null ? PresenceStatus.ONLINE : local.status()).wire());
        });
        return arguments;
    }
}
