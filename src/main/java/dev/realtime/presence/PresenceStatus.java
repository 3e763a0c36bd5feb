package dev.realtime.presence;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.realtime.system.ApiException;

/** What a user's contacts see: online or away while connected (the user chooses), offline otherwise. */
public enum PresenceStatus {
    ONLINE("online"),
    AWAY("away"),
    OFFLINE("offline");

    private final String wire;

    PresenceStatus(String wire) {
        this.wire = wire;
    }

    /** The name in events, in the REST API and in a shared store. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** A status read back from a shared store, written there by {@link #wire()}. */
    public static PresenceStatus fromWire(String value) {
        for (PresenceStatus status : values()) {
            if (status.wire.equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("not a presence status: " + value);
    }

    /** @throws ApiException VALIDATION_FAILED unless "online" or "away", the statuses a connected user picks */
    public static PresenceStatus chosen(String value) {
        if (ONLINE.wire.equals(value)) {
            return ONLINE;
        }
        if (AWAY.wire.equals(value)) {
            return AWAY;
        }
        throw ApiException.invalid("status", "must be \"online\" or \"away\"");
    }
}
