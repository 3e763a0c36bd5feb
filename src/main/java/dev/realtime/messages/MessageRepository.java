package dev.realtime.messages;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Messages. Blocking: call it from the blocking executor, inside a transaction. */
public interface MessageRepository {

    /** Stores the messages, several rows per statement. */
    void insertAll(List<Message> messages);

    Optional<Message> findById(String id);

    /** The messages with these ids that exist, in no particular order. */
    List<Message> findByIds(Collection<String> ids);

    /**
     * The messages stored under these keys, in no particular order. Each key is looked up on the whole unique key,
     * so the cost does not grow with a chat's history.
     */
    List<Message> findByClientKeys(Collection<ClientKey> keys);

    /**
     * Messages of a chat in seq order, strictly after {@code afterSeq} and strictly before {@code beforeSeq}
     * (either may be null). With only {@code beforeSeq}, or neither, the newest {@code limit} are taken.
     */
    List<Message> page(String chatId, Long afterSeq, Long beforeSeq, int limit);

    void updateText(String id, String text, OffsetDateTime editedAt);

    void markDeleted(String id, OffsetDateTime deletedAt);
}
