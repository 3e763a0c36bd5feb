package dev.realtime.engineio;

/** Engine.IO v4 packet types; the wire form of each is its ordinal as one ASCII digit. */
public enum PacketType {
    OPEN, CLOSE, PING, PONG, MESSAGE, UPGRADE, NOOP;

    private static final PacketType[] BY_CODE = values();

    public char code() {
        return (char) ('0' + ordinal());
    }

    static PacketType fromCode(char c) {
        int i = c - '0';
        if (i < 0 || i >= BY_CODE.length) {
            throw new ProtocolException("unknown packet type '" + c + "'");
        }
        return BY_CODE[i];
    }
}
