package dev.realtime.messages;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.realtime.system.WireNames;

/** How far a member has got in a chat: messages delivered to a device, or read. Reading implies delivered. */
public enum ReceiptStatus {
    DELIVERED, READ;

    /** The name in events: "delivered", "read". */
    @JsonValue
    public String wire() {
        return WireNames.of(this);
    }
}
