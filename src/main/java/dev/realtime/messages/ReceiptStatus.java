package dev.realtime.messages;

import com.fasterxml.jackson.annotation.JsonValue;

/** How far a member has got in a chat: messages delivered to a device, or read. Reading implies delivered. */
public enum ReceiptStatus {
    DELIVERED("delivered"),
    READ("read");

    private final String wire;

    ReceiptStatus(String wire) {
        this.wire = wire;
    }

    /** The name in events. */
    @JsonValue
    public String wire() {
        return wire;
    }
}
