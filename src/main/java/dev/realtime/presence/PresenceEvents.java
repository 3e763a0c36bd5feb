package dev.realtime.presence;

import dev.realtime.system.DomainEvent;
import java.time.OffsetDateTime;

/** The events of the presence module. */
public final class PresenceEvents {

    private PresenceEvents() {
    }

    /** {@code user.online}: the user came online, or changed status while online. */
    public record UserOnline(String userId, PresenceStatus status) implements DomainEvent {
        @Override
        public String name() {
            return "user.online";
        }
    }

    /** {@code user.offline}: the user's last connection has been gone for the grace period. */
    public record UserOffline(String userId, OffsetDateTime lastSeenAt) implements DomainEvent {
        @Override
        public String name() {
            return "user.offline";
        }
    }
}
