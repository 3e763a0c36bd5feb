package dev.realtime.chats;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcChatRepository implements ChatRepository {

    private static final String CHAT_COLUMNS = "id, type, title, created_by, owner_id, created_at, last_seq, last_activity_at";

    private final JdbcClient jdbc;

    JdbcChatRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Chat> find(String chatId) {
        return jdbc.sql("SELECT " + CHAT_COLUMNS + " FROM chats WHERE id = ?")
                .param(chatId)
                .query(this::row)
                .optional()
                .map(this::withMembers);
    }

    @Override
    public Optional<Long> lockLastSeq(String chatId) {
        return jdbc.sql("SELECT last_seq FROM chats WHERE id = ? FOR UPDATE")
                .param(chatId)
                .query(Long.class)
                .optional();
    }

    @Override
    public void advanceLastSeqs(Map<String, Long> lastSeqs, OffsetDateTime at) {
        lastSeqs.forEach((chatId, seq) -> jdbc.sql("UPDATE chats SET last_seq = ?, last_activity_at = ? WHERE id = ?")
                .params(seq, at, chatId).update());
    }

    @Override
    public List<Chat> findByMember(String userId, ChatCursor before, int limit) {
        String sql = "SELECT c." + CHAT_COLUMNS.replace(", ", ", c.") + " FROM chats c"
                + " JOIN chat_members m ON m.chat_id = c.id WHERE m.user_id = :user"
                + (before == null ? ""
                        : before.chatId() == null ? " AND c.last_activity_at < :at"
                        : " AND (c.last_activity_at < :at OR (c.last_activity_at = :at AND c.id < :id))")
                + " ORDER BY c.last_activity_at DESC, c.id DESC LIMIT :limit";
        JdbcClient.StatementSpec statement = jdbc.sql(sql).param("user", userId).param("limit", limit);
        if (before != null) {
            statement = statement.param("at", before.lastActivityAt());
        }
        if (before != null && before.chatId() != null) {
            statement = statement.param("id", before.chatId());
        }
        List<Chat> chats = statement.query(this::row).list();
        return withMembers(chats);
    }

    @Override
    public boolean insert(Chat chat, String directKey) {
        try {
            jdbc.sql("""
                    INSERT INTO chats (id, type, title, direct_key, created_by, owner_id, created_at, last_seq,
                        last_activity_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)""")
                    .params(chat.id(), chat.type().wire(), chat.title(), directKey, chat.createdBy(), chat.ownerId(),
                            chat.createdAt(), chat.lastActivityAt())
                    .update();
        } catch (DuplicateKeyException e) {
            return false;
        }
        addMembers(chat.id(), chat.memberIds(), chat.createdAt());
        return true;
    }

    @Override
    public Optional<Chat> findDirect(String directKey) {
        return jdbc.sql("SELECT " + CHAT_COLUMNS + " FROM chats WHERE direct_key = ?")
                .param(directKey)
                .query(this::row)
                .optional()
                .map(this::withMembers);
    }

    @Override
    public boolean isMember(String chatId, String userId) {
        return jdbc.sql("SELECT COUNT(*) FROM chat_members WHERE chat_id = ? AND user_id = ?")
                .params(chatId, userId)
                .query(Integer.class)
                .single() > 0;
    }

    @Override
    public Map<String, Set<String>> membersAmong(Collection<String> chatIds, Collection<String> userIds) {
        Map<String, Set<String>> members = new HashMap<>();
        if (chatIds.isEmpty() || userIds.isEmpty()) {
            return members;
        }
        // Both lists are short (one batch of sends): a pair that is not a member is simply not returned.
        jdbc.sql("SELECT chat_id, user_id FROM chat_members WHERE chat_id IN (:chats) AND user_id IN (:users)")
                .param("chats", chatIds).param("users", userIds)
                .query(rs -> {
                    members.computeIfAbsent(rs.getString(1), id -> new HashSet<>()).add(rs.getString(2));
                });
        return members;
    }

    @Override
    public Set<String> memberIds(String chatId) {
        return new HashSet<>(jdbc.sql("SELECT user_id FROM chat_members WHERE chat_id = ?")
                .param(chatId).query(String.class).list());
    }

    @Override
    public Set<String> contactsOf(String userId) {
        return new HashSet<>(jdbc.sql("""
                SELECT DISTINCT other.user_id FROM chat_members mine
                JOIN chat_members other ON other.chat_id = mine.chat_id
                WHERE mine.user_id = ? AND other.user_id <> mine.user_id""")
                .param(userId).query(String.class).list());
    }

    @Override
    public Set<String> addMembers(String chatId, Collection<String> userIds, OffsetDateTime now) {
        Set<String> added = new HashSet<>();
        for (String userId : userIds) {
            // Concurrent adds of one member: the conflict clause makes the second a no-op instead of an error.
            int inserted = jdbc.sql("""
                    INSERT INTO chat_members (chat_id, user_id, joined_at) VALUES (?, ?, ?)
                    ON CONFLICT DO NOTHING""")
                    .params(chatId, userId, now)
                    .update();
            if (inserted > 0) {
                added.add(userId);
            }
        }
        return added;
    }

    @Override
    public boolean removeMember(String chatId, String userId) {
        return jdbc.sql("DELETE FROM chat_members WHERE chat_id = ? AND user_id = ?")
                .params(chatId, userId)
                .update() > 0;
    }

    @Override
    public void setOwner(String chatId, String ownerId) {
        jdbc.sql("UPDATE chats SET owner_id = ? WHERE id = ?").params(ownerId, chatId).update();
    }

    @Override
    public boolean advanceRead(String chatId, String userId, long seq) {
        return jdbc.sql("""
                UPDATE chat_members SET last_read_seq = :seq,
                    last_delivered_seq = CASE WHEN last_delivered_seq < :seq THEN :seq ELSE last_delivered_seq END
                WHERE chat_id = :chat AND user_id = :user AND last_read_seq < :seq""")
                .param("seq", seq).param("chat", chatId).param("user", userId)
                .update() > 0;
    }

    @Override
    public boolean advanceDelivered(String chatId, String userId, long seq) {
        return jdbc.sql("""
                UPDATE chat_members SET last_delivered_seq = :seq
                WHERE chat_id = :chat AND user_id = :user AND last_delivered_seq < :seq""")
                .param("seq", seq).param("chat", chatId).param("user", userId)
                .update() > 0;
    }

    private Chat row(ResultSet rs, int n) throws SQLException {
        return new Chat(rs.getString("id"), ChatType.parse(rs.getString("type")), rs.getString("title"),
                rs.getString("created_by"), rs.getString("owner_id"), List.of(),
                rs.getObject("created_at", OffsetDateTime.class), rs.getLong("last_seq"),
                rs.getObject("last_activity_at", OffsetDateTime.class), List.of());
    }

    private Chat withMembers(Chat chat) {
        return withMembers(List.of(chat)).get(0);
    }

    /** Loads the members of all the chats in one query, in the order they joined. */
    private List<Chat> withMembers(List<Chat> chats) {
        if (chats.isEmpty()) {
            return chats;
        }
        Map<String, List<Chat.Member>> members = new LinkedHashMap<>();
        chats.forEach(chat -> members.put(chat.id(), new ArrayList<>()));
        jdbc.sql("""
                SELECT chat_id, user_id, last_read_seq, last_delivered_seq FROM chat_members
                WHERE chat_id IN (:ids) ORDER BY joined_at, user_id""")
                .param("ids", members.keySet())
                .query(rs -> {
                    members.get(rs.getString(1)).add(new Chat.Member(rs.getString(2), rs.getLong(3), rs.getLong(4)));
                });
        return chats.stream().map(chat -> {
            List<Chat.Member> list = members.get(chat.id());
            return new Chat(chat.id(), chat.type(), chat.title(), chat.createdBy(), chat.ownerId(),
                    list.stream().map(Chat.Member::userId).toList(),
                    chat.createdAt(), chat.lastSeq(), chat.lastActivityAt(), List.copyOf(list));
        }).toList();
    }
}
