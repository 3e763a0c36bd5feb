package dev.realtime.messages;

import dev.realtime.system.DomainEvent;

/** The events of the messages module, published after commit. */
public final class MessageEvents {

    private MessageEvents() {
    }

    /** {@code message.created}: a message was stored (not published again for an idempotent retry). */
    public record MessageCreated(Message message) implements DomainEvent {
        @Override
        public String name() {
            return "message.created";
        }
    }

    /** {@code message.updated}: a message's text was edited. */
    public record MessageUpdated(Message message) implements DomainEvent {
        @Override
        public String name() {
            return "message.updated";
        }
    }

    /** {@code message.deleted}: a message was deleted; its seq stays taken. */
    public record MessageDeleted(String chatId, String messageId, long seq) implements DomainEvent {
        @Override
        public String name() {
            return "message.deleted";
        }
    }

    /** {@code message.status}: a member's read or delivered position moved forward to {@code seq}. */
    public record MessageStatus(String chatId, String userId, ReceiptStatus status, long seq) implements DomainEvent {
        @Override
        public String name() {
            return "message.status";
        }
    }
}
