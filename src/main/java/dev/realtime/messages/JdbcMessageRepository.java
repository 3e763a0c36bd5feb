package dev.realtime.messages;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcMessageRepository implements MessageRepository {

    private static final String COLUMNS =
            "id, chat_id, sender_id, text, seq, client_message_id, created_at, edited_at, deleted_at";

    /** The same columns of the row aliased {@code m}, for the key lookup's join. */
    private static final String M_COLUMNS = "m." + COLUMNS.replace(", ", ", m.");

    /** Rows of one INSERT: 9 parameters each stays far below PostgreSQL's 32767 parameters per statement. */
    private static final int ROWS_PER_INSERT = 1_000;

    /** Keys of one lookup: 3 parameters each. */
    private static final int KEYS_PER_QUERY = 1_000;

    private final JdbcClient jdbc;

    JdbcMessageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insertAll(List<Message> all) {
        for (int from = 0; from < all.size(); from += ROWS_PER_INSERT) {
            List<Message> rows = all.subList(from, Math.min(all.size(), from + ROWS_PER_INSERT));
            List<Object> params = new ArrayList<>(rows.size() * 9);
            for (Message m : rows) {
                params.addAll(Arrays.asList(m.id(), m.chatId(), m.senderId(), m.text(), m.seq(), m.clientMessageId(),
                        m.createdAt(), m.editedAt(), m.deletedAt()));
            }
            jdbc.sql("INSERT INTO messages (" + COLUMNS + ") VALUES "
                            + String.join(", ", Collections.nCopies(rows.size(), "(?, ?, ?, ?, ?, ?, ?, ?, ?)")))
                    .params(params)
                    .update();
        }
    }

    @Override
    public List<Message> findByIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM messages WHERE id IN (:ids)").param("ids", ids)
                .query(this::row).list();
    }

    /**
     * Joins a VALUES list of the keys, so both H2 and PostgreSQL look each key up on the full unique index. A
     * filter of the form {@code chat_id IN (..) AND client_message_id IN (..)} used only the chat_id prefix and
     * read every message of the chat: the cost of a batch grew with the chat's history.
     */
    @Override
    public List<Message> findByClientKeys(Collection<ClientKey> keys) {
        List<Message> found = new ArrayList<>();
        List<ClientKey> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += KEYS_PER_QUERY) {
            List<ClientKey> part = all.subList(from, Math.min(all.size(), from + KEYS_PER_QUERY));
            List<Object> params = new ArrayList<>(part.size() * 3);
            for (ClientKey key : part) {
                params.addAll(List.of(key.chatId(), key.senderId(), key.clientMessageId()));
            }
            found.addAll(jdbc.sql("SELECT " + M_COLUMNS + " FROM messages m JOIN (VALUES "
                            + String.join(", ", Collections.nCopies(part.size(), "(?, ?, ?)"))
                            + ") AS k (chat_id, sender_id, client_message_id) ON m.chat_id = k.chat_id"
                            + " AND m.sender_id = k.sender_id AND m.client_message_id = k.client_message_id")
                    .params(params).query(this::row).list());
        }
        return found;
    }

    @Override
    public Optional<Message> findById(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM messages WHERE id = ?").param(id).query(this::row).optional();
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
