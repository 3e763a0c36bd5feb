package dev.realtime.socketio;

import dev.realtime.engineio.ProtocolException;

/** Socket.IO v5 packet types; the wire form of each is its ordinal as one ASCII digit. */
public enum PacketKind {
    CONNECT, DISCONNECT, EVENT, ACK, CONNECT_ERROR, BINARY_EVENT, BINARY_ACK;

    private static final PacketKind[] BY_CODE = values();

    char code() {
        return (char) ('0' + ordinal());
    }

    boolean isBinary() {
        return this == BINARY_EVENT || this == BINARY_ACK;
    }

    static PacketKind fromCode(char c) {
        int i = c - '0';
        if (i < 0 || i >= BY_CODE.length) {
            throw new ProtocolException("unknown packet type '" + c + "'");
        }
        return BY_CODE[i];
    }
}
