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
        int[] left = {-1};
        entries.computeIfPresent(userId, (id, entry) -> {
            if (!entry.connections().contains(connectionId)) {
                return entry;
            }
            Set<String> connections = new HashSet<>(entry.connections());
            connections.remove(connectionId);
            left[0] = connections.size();
            return new Entry(Set.copyOf(connections), entry.status());
        });
        return left[0];
    }

    @Override
    public int connections(String userId) {
        Entry entry = entries.get(userId);
        return entry == null ? 0 : entry.connections().size();
    }

    @Override
    public boolean removeIfIdle(String userId) {
        boolean[] removed = {false};
        entries.computeIfPresent(userId, (id, entry) -> {
            removed[0] = entry.connections().isEmpty();
            return removed[0] ? null : entry;
        });
        return removed[0];
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
