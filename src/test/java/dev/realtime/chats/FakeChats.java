package dev.realtime.chats;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Chats and their members in memory, for the send path only: last seqs written in a transaction are staged until
 * {@link #commit} (or dropped by {@link #rollback}), and the order chats were locked in is recorded.
 */
public final class FakeChats implements ChatRepository {

    private final Map<String, Set<String>> members = new ConcurrentHashMap<>();
    private final Map<String, Long> lastSeqs = new ConcurrentHashMap<>();
    private final Map<String, Long> staged = new ConcurrentHashMap<>();
    private final List<String> locks = new CopyOnWriteArrayList<>();

    public void add(String chatId, String... memberIds) {
        members.put(chatId, Set.of(memberIds));
        lastSeqs.put(chatId, 0L);
    }

    /** The chat's committed last seq. */
    public long lastSeq(String chatId) {
        return lastSeqs.get(chatId);
    }

    /** Every chat locked so far, in the order locked. */
    public List<String> locks() {
        return List.copyOf(locks);
    }

    public ChatSequence sequence() {
        return new ChatSequence(this);
    }

    public void commit() {
        lastSeqs.putAll(staged);
        staged.clear();
    }

    public void rollback() {
        staged.clear();
    }

    @Override
    public Optional<Long> lockLastSeq(String chatId) {
        locks.add(chatId);
        return Optional.ofNullable(staged.getOrDefault(chatId, lastSeqs.get(chatId)));
    }

    @Override
    public void advanceLastSeqs(Map<String, Long> seqs, OffsetDateTime at) {
        staged.putAll(seqs);
    }

    @Override
    public Map<String, Set<String>> membersAmong(Collection<String> chatIds, Collection<String> userIds) {
        Map<String, Set<String>> found = new HashMap<>();
        for (String chatId : chatIds) {
            for (String userId : members.getOrDefault(chatId, Set.of())) {
                if (userIds.contains(userId)) {
                    found.computeIfAbsent(chatId, id -> new HashSet<>()).add(userId);
                }
            }
        }
        return found;
    }

    @Override
    public boolean isMember(String chatId, String userId) {
        return members.getOrDefault(chatId, Set.of()).contains(userId);
    }

    @Override
    public Set<String> memberIds(String chatId) {
        return members.getOrDefault(chatId, Set.of());
    }

    @Override
    public Optional<Chat> find(String chatId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Chat> findByMember(String userId, ChatCursor before, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean insert(Chat chat, String directKey) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Chat> findDirect(String directKey) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Set<String> contactsOf(String userId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Set<String> addMembers(String chatId, Collection<String> userIds, OffsetDateTime now) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean removeMember(String chatId, String userId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setOwner(String chatId, String ownerId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean advanceRead(String chatId, String userId, long seq) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean advanceDelivered(String chatId, String userId, long seq) {
        throw new UnsupportedOperationException();
    }
}
