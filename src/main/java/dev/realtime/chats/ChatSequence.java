package dev.realtime.chats;

import dev.realtime.system.ApiException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
     * Locks chats until the transaction ends, which makes seqs gapless and unique across connections and nodes. One
     * at a time in the order of their ids: two writers (on one node or on two) locking some of the same chats take
     * them in the same order, so they never deadlock.
     *
     * @return the last seq of each chat that exists; an unknown chat is absent
     */
    public Map<String, Long> lockForSends(Collection<String> chatIds) {
        Map<String, Long> last = new HashMap<>();
        for (String chatId : new TreeSet<>(chatIds)) {
            chats.lockLastSeq(chatId).ifPresent(seq -> last.put(chatId, seq));
        }
        return last;
    }

    /** Of these senders, the members of each chat, read in one query (a chat with none of them is absent). */
    public Map<String, Set<String>> members(Map<String, Set<String>> sendersByChat) {
        Set<String> senders = new HashSet<>();
        sendersByChat.values().forEach(senders::addAll);
        Map<String, Set<String>> members = chats.membersAmong(sendersByChat.keySet(), senders);
        // The query matched any of the senders against any of the chats: keep the pairs that were asked about.
        members.forEach((chatId, users) -> users.retainAll(sendersByChat.getOrDefault(chatId, Set.of())));
        return members;
    }

    /** Records the new last seq of chats locked with {@link #lockForSends}, and the time of their last message. */
    public void advance(Map<String, Long> lastSeqs, OffsetDateTime at) {
        if (!lastSeqs.isEmpty()) {
            chats.advanceLastSeqs(lastSeqs, at);
        }
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
