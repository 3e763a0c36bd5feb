package dev.realtime.typing;

import dev.realtime.system.DomainEvent;

/** The events of the typing module. */
public final class TypingEvents {

    private TypingEvents() {
    }

    /** {@code user.typing}: a user started or stopped typing in a chat (stopped also when the server expired it). */
    public record UserTyping(String chatId, String userId, boolean isTyping) implements DomainEvent {
        @Override
        public String name() {
            return "user.typing";
        }
    }
}
