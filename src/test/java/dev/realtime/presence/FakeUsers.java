package dev.realtime.presence;

import dev.realtime.users.User;
import dev.realtime.users.UserRepository;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Only the last-seen times: presence reads and writes nothing else. */
final class FakeUsers implements UserRepository {

    final Map<String, OffsetDateTime> lastSeen = new ConcurrentHashMap<>();

    @Override
    public boolean insert(User user, String passwordHash) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<User> findById(String id) {
        return Optional.empty();
    }

    @Override
    public Optional<Credentials> findCredentials(String username) {
        return Optional.empty();
    }

    @Override
    public List<User> searchByPrefix(String prefix, String after, int limit) {
        return List.of();
    }

    @Override
    public void updateLastSeen(String id, OffsetDateTime at) {
        lastSeen.put(id, at);
    }

    @Override
    public Map<String, OffsetDateTime> lastSeen(Collection<String> ids) {
        Map<String, OffsetDateTime> seen = new HashMap<>();
        ids.stream().filter(lastSeen::containsKey).forEach(id -> seen.put(id, lastSeen.get(id)));
        return seen;
    }

    @Override
    public Set<String> existing(Collection<String> ids) {
        return Set.copyOf(ids);
    }
}
