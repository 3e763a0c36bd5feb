package dev.realtime.messages;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcMessageRepository implements MessageRepository {

    private static final String COLUMNS =
            "id, chat_id, sender_id, text, seq, client_message_id, created_at, edited_at, deleted_at";

    private final JdbcClient jdbc;

    JdbcMessageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(Message m) {
        jdbc.sql("INSERT INTO messages (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(m.id(), m.chatId(), m.senderId(), m.text(), m.seq(), m.clientMessageId(), m.createdAt(),
                        m.editedAt(), m.deletedAt())
                .update();
    }

    @Override
    public Optional<Message> findById(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM messages WHERE id = ?").param(id).query(this::row).optional();
    }

    @Override
    public Optional<Message> findByClientId(String chatId, String senderId, String clientMessageId) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM messages WHERE chat_id = ? AND sender_id = ? AND client_message_id = ?")
                .params(chatId, senderId, clientMessageId)
                .query(this::row)
                .optional();
    }

    @Override
    public List<Message> page(String chatId, Long afterSeq, Long beforeSeq, int limit) {
        boolean oldestFirst = afterSeq != null;
        String sql = "SELECT " + COLUMNS + " FROM messages WHERE chat_id = :chat"
                + (afterSeq != null ? " AND seq > :after" : "")
                + (beforeSeq != null ? " AND seq < :before" : "")
                + " ORDER BY seq " + (oldestFirst ? "ASC" : "DESC") + " LIMIT :limit";
        JdbcClient.StatementSpec statement = jdbc.sql(sql).param("chat", chatId).param("limit", limit);
        if (afterSeq != null) {
            statement = statement.param("after", afterSeq);
        }
        if (beforeSeq != null) {
            statement = statement.param("before", beforeSeq);
        }
        List<Message> rows = new ArrayList<>(statement.query(this::row).list());
        if (!oldestFirst) {
            Collections.reverse(rows);
        }
        return rows;
    }

    @Override
    public void updateText(String id, String text, OffsetDateTime editedAt) {
        jdbc.sql("UPDATE messages SET text = ?, edited_at = ? WHERE id = ?").params(text, editedAt, id).update();
    }

    @Override
    public void markDeleted(String id, OffsetDateTime deletedAt) {
        jdbc.sql("UPDATE messages SET text = NULL, deleted_at = ? WHERE id = ?").params(deletedAt, id).update();
    }

    private Message row(ResultSet rs, int n) throws SQLException {
        return new Message(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                rs.getString(6), rs.getObject(7, OffsetDateTime.class), rs.getObject(8, OffsetDateTime.class),
                rs.getObject(9, OffsetDateTime.class));
    }
}
