package dev.realtime.chats;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Chats, their members, their message sequence and read positions. Blocking: call it from the blocking executor,
 * inside a transaction. Only the chats feature uses it; others go through {@link ChatService}, {@link ChatSequence}
 * and {@link ChatMembership}.
 */
interface ChatRepository {

    Optional<Chat> find(String chatId);

    /** Locks the chat's row until the transaction ends. @return its last seq, or empty for an unknown chat */
    Optional<Long> lockLastSeq(String chatId);

    /** Records chats' new last seq (chat id to seq) and activity time; call after {@link #lockLastSeq}. */
    void advanceLastSeqs(Map<String, Long> lastSeqs, OffsetDateTime at);

    /**
     * The chats the user is a member of, newest activity first, then by id descending.
     *
     * @param before only chats after this one in that order, or null for the newest
     */
    List<Chat> findByMember(String userId, ChatCursor before, int limit);

    /**
     * Stores a new chat and its members.
     *
     * @param directKey for a direct chat the key that makes it unique per pair of users, else null
     * @return false when a direct chat with that key exists already; nothing is stored then
     */
    boolean insert(Chat chat, String directKey);

    Optional<Chat> findDirect(String directKey);

    boolean isMember(String chatId, String userId);

    /** Of these users, the members of each of these chats (a chat with none of them is absent). */
    Map<String, Set<String>> membersAmong(Collection<String> chatIds, Collection<String> userIds);

    /** The members of the chat; empty when the chat does not exist. */
    Set<String> memberIds(String chatId);

    /** Everyone who shares at least one chat with the user, the user excluded. */
    Set<String> contactsOf(String userId);

    /** Adds members who are not members yet; idempotent, also under concurrent adds. @return who was added */
    Set<String> addMembers(String chatId, Collection<String> userIds, OffsetDateTime now);

    /** @return false when the user was not a member */
    boolean removeMember(String chatId, String userId);

    /** Makes the user the chat's owner (null: none). */
    void setOwner(String chatId, String ownerId);

    /**
     * Moves a member's read position forward to {@code seq} (and the delivered one with it), never backward.
     *
     * @return true when a position moved
     */
    boolean advanceRead(String chatId, String userId, long seq);

    /** Moves a member's delivered position forward to {@code seq}, never backward. @return true when it moved */
    boolean advanceDelivered(String chatId, String userId, long seq);
}
