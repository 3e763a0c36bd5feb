package dev.realtime.messages;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Messages in memory: inserts are staged until {@link #commit} (or dropped by {@link #rollback}); reads see both,
 * like reads inside the transaction that wrote. Records the size of every {@link #insertAll}, and can be made to
 * fail the next one that inserts something.
 */
final class FakeMessages implements MessageRepository {

    private final Map<String, Message> stored = new ConcurrentHashMap<>();
    private final Map<String, Message> staged = new ConcurrentHashMap<>();
    private final List<Integer> insertSizes = new CopyOnWriteArrayList<>();
    private volatile RuntimeException nextInsertFailure;

    void failNextInsert(RuntimeException failure) {
        nextInsertFailure = failure;
    }

    /** The committed messages of a chat in seq order. */
    List<Message> committed(String chatId) {
        return stored.values().stream().filter(m -> m.chatId().equals(chatId))
                .sorted(Comparator.comparingLong(Message::seq)).toList();
    }

    List<Integer> insertSizes() {
        return List.copyOf(insertSizes);
    }

    void commit() {
        stored.putAll(staged);
        staged.clear();
    }

    void rollback() {
        staged.clear();
    }

    boolean hasStaged() {
        return !staged.isEmpty();
    }

    @Override
    public void insertAll(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        RuntimeException failure = nextInsertFailure;
        nextInsertFailure = null;
        if (failure != null) {
            throw failure;
        }
        insertSizes.add(messages.size());
        messages.forEach(m -> staged.put(m.id(), m));
    }

    @Override
    public Optional<Message> findById(String id) {
        return all().filter(m -> m.id().equals(id)).findFirst();
    }

    @Override
    public List<Message> findByIds(Collection<String> ids) {
        return all().filter(m -> ids.contains(m.id())).toList();
    }

    @Override
    public List<Message> findByClientKeys(Collection<ClientKey> keys) {
        return all().filter(m -> m.clientMessageId() != null && keys.contains(ClientKey.of(m))).toList();
    }

    @Override
    public List<Message> page(String chatId, Long afterSeq, Long beforeSeq, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void updateText(String id, String text, OffsetDateTime editedAt) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void markDeleted(String id, OffsetDateTime deletedAt) {
        throw new UnsupportedOperationException();
    }

    private Stream<Message> all() {
        List<Message> all = new ArrayList<>(stored.values());
        all.addAll(staged.values());
        return all.stream();
    }
}
