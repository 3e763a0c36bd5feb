package dev.realtime.presence;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** Presence held in this process. Single node only: other nodes' connections are not seen. */
@Component
class InMemoryPresenceStore implements PresenceStore {

    private record Entry(Set<String> connections, String status) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Override
    public int connect(String userId, String connectionId) {
        return entries.compute(userId, (id, entry) -> {
            Set<String> connections = entry == null ? new HashSet<>() : new HashSet<>(entry.connections());
            connections.add(connectionId);
            return new Entry(Set.copyOf(connections), entry == null ? PresenceService.ONLINE : entry.status());
        }).connections().size();
    }

    @Override
    public int disconnect(String userId, String connectionId) {
        Entry left = entries.computeIfPresent(userId, (id, entry) -> {
            Set<String> connections = new HashSet<>(entry.connections());
            connections.remove(connectionId);
            return connections.isEmpty() ? null : new Entry(Set.copyOf(connections), entry.status());
        });
        return left == null ? 0 : left.connections().size();
    }

    @Override
    public int connections(String userId) {
        Entry entry = entries.get(userId);
        return entry == null ? 0 : entry.connections().size();
    }

    @Override
    public void setStatus(String userId, String status) {
        entries.computeIfPresent(userId, (id, entry) -> new Entry(entry.connections(), status));
    }

    @Override
    public Optional<String> status(String userId) {
        return Optional.ofNullable(entries.get(userId)).map(Entry::status);
    }

    @Override
    public Set<String> onlineUsers() {
        return Set.copyOf(entries.keySet());
    }
}
