package dev.realtime.chats;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.realtime.system.ApiException;
import dev.realtime.system.WireNames;

/** A chat between exactly two users, unique per pair, or a group whose members change. */
public enum ChatType {
    DIRECT, GROUP;

    /** The name in JSON and in the database: "direct", "group". */
    @JsonValue
    public String wire() {
        return WireNames.of(this);
    }

    /** @throws ApiException VALIDATION_FAILED for anything but "direct" or "group" */
    public static ChatType parse(String value) {
        return WireNames.parse(ChatType.class, value)
                .orElseThrow(() -> ApiException.invalid("type", "must be \"direct\" or \"group\""));
    }
}
