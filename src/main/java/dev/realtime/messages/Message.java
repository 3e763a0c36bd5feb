package dev.realtime.messages;

import java.time.OffsetDateTime;

/**
 * A message as the API and the events show it. A deleted message keeps its id and seq; its text is gone.
 *
 * @param seq position in its chat: 1, 2, 3... with no gap and no duplicate
 */
public record Message(String id, String chatId, String senderId, String text, long seq, String clientMessageId,
                      OffsetDateTime createdAt, OffsetDateTime editedAt, OffsetDateTime deletedAt) {

    Message edited(String newText, OffsetDateTime at) {
        return new Message(id, chatId, senderId, newText, seq, clientMessageId, createdAt, at, deletedAt);
    }

    Message deleted(OffsetDateTime at) {
        return new Message(id, chatId, senderId, null, seq, clientMessageId, createdAt, editedAt, at);
    }
}
