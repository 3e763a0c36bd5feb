package dev.realtime.chats;

import java.time.OffsetDateTime;

/**
 * Where a page of a user's chats ends: the last chat's {@code lastActivityAt} and {@code id}. The id breaks ties,
 * so chats with equal activity times at a page boundary are neither skipped nor repeated.
 *
 * @param chatId null to take every chat whose activity is older than {@code lastActivityAt}, ties excluded
 */
public record ChatCursor(OffsetDateTime lastActivityAt, String chatId) {
}
