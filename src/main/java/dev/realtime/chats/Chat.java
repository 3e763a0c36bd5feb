package dev.realtime.chats;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A chat as the API shows it.
 *
 * @param memberIds the members' user ids, by the time they joined, then by id
 * @param lastSeq   the seq of the newest message, 0 when there is none
 * @param members   each member's read and delivered position
 */
public record Chat(String id, String type, String title, String createdBy, List<String> memberIds,
                   OffsetDateTime createdAt, long lastSeq, OffsetDateTime lastActivityAt, List<Member> members) {

    public static final String DIRECT = "direct";
    public static final String GROUP = "group";

    /** How far one member has read and received the chat. */
    public record Member(String userId, long lastReadSeq, long lastDeliveredSeq) {
    }

    public boolean hasMember(String userId) {
        return memberIds.contains(userId);
    }
}
