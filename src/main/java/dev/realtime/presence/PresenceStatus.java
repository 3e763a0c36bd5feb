package dev.realtime.presence;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.realtime.system.ApiException;
import dev.realtime.system.WireNames;

/** What a user's contacts see: online or away while connected (the user chooses), offline otherwise. */
public enum PresenceStatus {
    ONLINE, AWAY, OFFLINE;

    /** The name in events, in the REST API and in a shared store: "online", "away", "offline". */
    @JsonValue
    public String wire() {
        return WireNames.of(this);
    }

    /** A status read back from a shared store, written there by {@link #wire()}. */
    public static PresenceStatus fromWire(String value) {
        return WireNames.parse(PresenceStatus.class, value)
                .orElseThrow(() -> new IllegalArgumentException("not a presence status: " + value));
    }

    /** @throws ApiException VALIDATION_FAILED unless "online" or "away", the statuses a connected user picks */
    public static PresenceStatus chosen(String value) {
        return WireNames.parse(PresenceStatus.class, value)
                .filter(status -> status != OFFLINE)
                .orElseThrow(() -> ApiException.invalid("status", "must be \"online\" or \"away\""));
    }
}
