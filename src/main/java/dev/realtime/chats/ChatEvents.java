package dev.realtime.chats;

import dev.realtime.system.DomainEvent;

/** The events of the chats module, published after commit. */
public final class ChatEvents {

    private ChatEvents() {
    }

    /** {@code chat.created}: a chat was created; its members are in the chat. */
    public record ChatCreated(Chat chat) implements DomainEvent {
        @Override
        public String name() {
            return "chat.created";
        }
    }

    /** {@code chat.member.added}: a user joined a group chat; the chat is as it is after the change. */
    public record ChatMemberAdded(String chatId, String userId, Chat chat) implements DomainEvent {
        @Override
        public String name() {
            return "chat.member.added";
        }
    }

    /** {@code chat.member.removed}: a user left or was removed from a group chat. */
    public record ChatMemberRemoved(String chatId, String userId, Chat chat) implements DomainEvent {
        @Override
        public String name() {
            return "chat.member.removed";
        }
    }

    /**
     * {@code chat.owner.changed}: a group's owner left and the longest-standing member became its owner
     * ({@code ownerId} null when nobody is left). Published with the {@link ChatMemberRemoved} of the owner.
     */
    public record ChatOwnerChanged(String chatId, String previousOwnerId, String ownerId, Chat chat)
            implements DomainEvent {
        @Override
        public String name() {
            return "chat.owner.changed";
        }
    }
}
