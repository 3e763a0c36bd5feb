package dev.realtime.messages;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Messages. Blocking: call it from the blocking executor, inside a transaction. */
public interface MessageRepository {

    void insert(Message message);

    Optional<Message> findById(String id);

    /** The message a sender sent with this client id in this chat, if any. */
    Optional<Message> findByClientId(String chatId, String senderId, String clientMessageId);

    /**
     * Messages of a chat in seq order, strictly after {@code afterSeq} and strictly before {@code beforeSeq}
     * (either may be null). With only {@code beforeSeq}, or neither, the newest {@code limit} are taken.
     */
    List<Message> page(String chatId, Long afterSeq, Long beforeSeq, int limit);

    void updateText(String id, String text, OffsetDateTime editedAt);

    void markDeleted(String id, OffsetDateTime deletedAt);
}
