package dev.realtime.messages;

/** What makes a send idempotent: a clientMessageId is unique per chat and sender (the messages_client_id key). */
public record ClientKey(String chatId, String senderId, String clientMessageId) {

    static ClientKey of(Message message) {
        return new ClientKey(message.chatId(), message.senderId(), message.clientMessageId());
    }
}
