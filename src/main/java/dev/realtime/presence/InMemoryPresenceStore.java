package dev.realtime.presence;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Presence held in this process. Single node only: other nodes' connections are not seen. */
public final class InMemoryPresenceStore implements PresenceStore {

    /** {@code idle} is null while the user has a connection. */
    private record Entry(Set<String> connections, PresenceStatus status, Idle idle) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong tokens = new AtomicLong();

    @Override
    public void start(Listener listener) {
        // Nothing happens here that another node could have caused.
    }

    @Override
    public CompletableFuture<Connected> connect(String userId, String connectionId) {
        boolean[] fresh = {false};
        Entry now = entries.compute(userId, (id, entry) -> {
            fresh[0] = entry == null;
            Set<String> connections = fresh[0] ? new HashSet<>() : new HashSet<>(entry.connections());
            connections.add(connectionId);
            return new Entry(Set.copyOf(connections), fresh[0] ? PresenceStatus.ONLINE : entry.status(), null);
        });
        return CompletableFuture.completedFuture(new Connected(fresh[0], now.status()));
    }

    @Override
    public CompletableFuture<Disconnected> disconnect(String userId, String connectionId, OffsetDateTime closedAt) {
        Disconnected[] result = {new Disconnected(-1, Optional.empty())};
        entries.computeIfPresent(userId, (id, entry) -> {
            if (!entry.connections().contains(connectionId)) {
                return entry;
            }
            Set<String> connections = new HashSet<>(entry.connections());
            connections.remove(connectionId);
            Idle idle = connections.isEmpty()
                    ? new Idle(userId, Long.toString(tokens.incrementAndGet()), closedAt, closedAt) : null;
            result[0] = new Disconnected(connections.size(), Optional.ofNullable(idle));
            return new Entry(Set.copyOf(connections), entry.status(), idle);
        });
        return CompletableFuture.completedFuture(result[0]);
    }

    @Override
    public CompletableFuture<Boolean> removeIfIdle(String userId, String token) {
        boolean[] removed = {false};
        entries.computeIfPresent(userId, (id, entry) -> {
            removed[0] = entry.idle() != null && entry.idle().token().equals(token);
            return removed[0] ? null : entry;
        });
        return CompletableFuture.completedFuture(removed[0]);
    }

    @Override
    public CompletableFuture<Boolean> setStatus(String userId, PresenceStatus status) {
        boolean[] changed = {false};
        entries.computeIfPresent(userId, (id, entry) -> {
            changed[0] = !entry.connections().isEmpty() && !status.equals(entry.status());
            return changed[0] ? new Entry(entry.connections(), status, null) : entry;
        });
        return CompletableFuture.completedFuture(changed[0]);
    }

    @Override
    public CompletableFuture<Map<String, PresenceStatus>> statuses(Collection<String> userIds) {
        Map<String, PresenceStatus> statuses = new HashMap<>();
        for (String userId : userIds) {
            Entry entry = entries.get(userId);
            if (entry != null) {
                statuses.put(userId, entry.status());
            }
        }
        return CompletableFuture.completedFuture(statuses);
    }

    @Override
    public CompletableFuture<Integer> connections(String userId) {
        Entry entry = entries.get(userId);
        return CompletableFuture.completedFuture(entry == null ? 0 : entry.connections().size());
    }

    @Override
    public CompletableFuture<Set<String>> onlineUsers() {
        return CompletableFuture.completedFuture(Set.copyOf(entries.keySet()));
    }
}
