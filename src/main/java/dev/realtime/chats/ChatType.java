package dev.realtime.chats;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.realtime.system.ApiException;

/** A chat between exactly two users, unique per pair, or a group whose members change. */
public enum ChatType {
    DIRECT("direct"),
    GROUP("group");

    private final String wire;

    ChatType(String wire) {
        this.wire = wire;
    }

    /** The name in JSON and in the database. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** @throws ApiException VALIDATION_FAILED for anything but "direct" or "group" */
    public static ChatType parse(String value) {
        for (ChatType type : values()) {
            if (type.wire.equals(value)) {
                return type;
            }
        }
        throw ApiException.invalid("type", "must be \"direct\" or \"group\"");
    }
}
