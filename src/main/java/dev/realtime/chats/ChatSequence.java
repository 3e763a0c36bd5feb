package dev.realtime.chats;

import dev.realtime.system.ApiException;
import java.time.OffsetDateTime;
import org.springframework.stereotype.Component;

/**
 * A chat's message sequence and each member's read and delivered position in it: what the messages feature moves,
 * always inside a transaction it has opened, so a message and its chat's {@code lastSeq} commit together. The
 * chats feature owns these columns; nothing else writes them.
 */
@Component
public class ChatSequence {

    /** Where a member's position is after a move, and whether it moved (positions never go backward). */
    public record Position(Chat.Member member, boolean moved) {
    }

    private final ChatRepository chats;

    ChatSequence(ChatRepository chats) {
        this.chats = chats;
    }

    /**
     * Locks the chat until the transaction ends, which makes seqs gapless and unique across connections and
     * nodes, and returns its last seq.
     *
     * @throws ApiException NOT_FOUND for an unknown chat, FORBIDDEN when the sender is not a member
     */
    public long lockForSend(String chatId, String senderId) {
        long last = chats.lockLastSeq(chatId).orElseThrow(() -> ApiException.notFound("chat"));
        requireMember(chatId, senderId);
        return last;
    }

    /** Records the seq of the message just stored in a chat locked with {@link #lockForSend}, and its time. */
    public void advance(String chatId, long seq, OffsetDateTime at) {
        chats.advanceLastSeq(chatId, seq, at);
    }

    /** @throws ApiException FORBIDDEN when the user is not a member of the chat */
    public void requireMember(String chatId, String userId) {
        if (!chats.isMember(chatId, userId)) {
            throw ApiException.forbidden("not a member of this chat");
        }
    }

    /** Moves the member's read position (and delivered with it) forward to {@code seq}, within the chat's seqs. */
    public Position moveRead(Chat chat, String userId, long seq) {
        return moved(chat, userId, chats.advanceRead(chat.id(), userId, checked(chat, seq)));
    }

    /** Moves the member's delivered position forward to {@code seq}, within the chat's seqs. */
    public Position moveDelivered(Chat chat, String userId, long seq) {
        return moved(chat, userId, chats.advanceDelivered(chat.id(), userId, checked(chat, seq)));
    }

    private static long checked(Chat chat, long seq) {
        if (seq < 0 || seq > chat.lastSeq()) {
            throw ApiException.invalid("seq", "must be within 0.." + chat.lastSeq());
        }
        return seq;
    }

    private Position moved(Chat chat, String userId, boolean moved) {
        Chat after = moved ? chats.find(chat.id()).orElseThrow() : chat;
        Chat.Member member = after.members().stream()
                .filter(m -> m.userId().equals(userId))
                .findFirst()
                .orElseThrow(() -> ApiException.forbidden("not a member of this chat"));
        return new Position(member, moved);
    }
}
