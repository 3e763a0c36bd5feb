package dev.realtime.chats;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A chat as the API shows it.
 *
 * @param ownerId   who may remove other members of a group: its creator, then, when the owner leaves, the member
 *                  who has been in the group longest; null for a direct chat and for a group nobody is left in
 * @param memberIds the members' user ids, by the time they joined, then by id
 * @param lastSeq   the seq of the newest message, 0 when there is none
 * @param members   each member's read and delivered position
 */
public record Chat(String id, ChatType type, String title, String createdBy, String ownerId, List<String> memberIds,
                   OffsetDateTime createdAt, long lastSeq, OffsetDateTime lastActivityAt, List<Member> members) {

    /** How far one member has read and received the chat. */
    public record Member(String userId, long lastReadSeq, long lastDeliveredSeq) {
    }

    public boolean hasMember(String userId) {
        return memberIds.contains(userId);
    }

    /** The member who holds a group after its owner has gone: the one who joined first. */
    String longestStandingMember() {
        return memberIds.isEmpty() ? null : memberIds.get(0);
    }
}
