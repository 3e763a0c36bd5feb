package dev.realtime.presence;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Presence held in this process. Single node only: other nodes' connections are not seen. */
public final class InMemoryPresenceStore implements PresenceStore {

    /**
     * {@code idle} is null while the user has a connection. The set is changed in place, only inside the map's
     * compute for the user (one at a time); a concurrent set, so counting it needs no lock. Copying it instead
     * made each connect of a user cost as much as the connections that user already had.
     */
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
            if (fresh[0]) {
                entry = new Entry(ConcurrentHashMap.newKeySet(), PresenceStatus.ONLINE, null);
            } else if (entry.idle() != null) {
                entry = new Entry(entry.connections(), entry.status(), null);
            }
            entry.connections().add(connectionId);
            return entry;
        });
        return CompletableFuture.completedFuture(new Connected(fresh[0], now.status()));
    }

    @Override
    public CompletableFuture<Disconnected> disconnect(String userId, String connectionId, OffsetDateTime closedAt) {
        Disconnected[] result = {new Disconnected(-1, Optional.empty())};
        entries.computeIfPresent(userId, (id, entry) -> {
            if (!entry.connections().remove(connectionId)) {
                return entry;
            }
            int left = entry.connections().size();
            Idle idle = left == 0 ? new Idle(userId, Long.toString(tokens.incrementAndGet()), closedAt, closedAt) : null;
            result[0] = new Disconnected(left, Optional.ofNullable(idle));
            return idle == null ? entry : new Entry(entry.connections(), entry.status(), idle);
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
    public boolean isShared() {
        return false;
    }

    @Override
    public CompletableFuture<Set<String>> onlineUsers() {
        return CompletableFuture.completedFuture(Set.copyOf(entries.keySet()));
    }
}
