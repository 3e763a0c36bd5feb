package dev.realtime.users;

import java.time.OffsetDateTime;

/** A user as the API shows it. The password hash never leaves the repository. */
public record User(String id, String username, String displayName, OffsetDateTime createdAt) {
}
