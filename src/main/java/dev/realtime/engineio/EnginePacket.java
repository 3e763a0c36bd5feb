package dev.realtime.engineio;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One Engine.IO packet: a type and either text or binary data. Immutable, so one packet can be queued on many
 * sessions; its two wire forms (WebSocket frame bytes, long-polling segment) are computed at most once and shared
 * by every recipient, which is what makes a broadcast encode once.
 */
public final class EnginePacket {

    public static final EnginePacket PING = control(PacketType.PING);
    public static final EnginePacket PONG = control(PacketType.PONG);
    public static final EnginePacket NOOP = control(PacketType.NOOP);
    public static final EnginePacket CLOSE = control(PacketType.CLOSE);

    private final PacketType type;
    private final String text;
    private final byte[] binary;
    private volatile byte[] frameBytes;
    private volatile String pollingSegment;

    private EnginePacket(PacketType type, String text, byte[] binary) {
        this.type = type;
        this.text = text;
        this.binary = binary;
    }

    public static EnginePacket text(PacketType type, String data) {
        return new EnginePacket(type, data == null ? "" : data, null);
    }

    public static EnginePacket message(String data) {
        return text(PacketType.MESSAGE, data);
    }

    /** A binary message; the array is owned by the packet from now on and must not be changed. */
    public static EnginePacket binary(byte[] data) {
        return new EnginePacket(PacketType.MESSAGE, null, data);
    }

    private static EnginePacket control(PacketType type) {
        return new EnginePacket(type, "", null);
    }

    public PacketType type() {
        return type;
    }

    public boolean isBinary() {
        return binary != null;
    }

    /** Text data without the type digit; null for a binary packet. */
    public String text() {
        return text;
    }

    /** Binary data; null for a text packet. Shared, never modify it. */
    public byte[] binary() {
        return binary;
    }

    /** The payload of a WebSocket frame: UTF-8 of type digit + text, or the raw bytes of a binary packet. */
    public byte[] frameBytes() {
        byte[] bytes = frameBytes;
        if (bytes == null) {
            bytes = binary != null ? binary : (type.code() + text).getBytes(StandardCharsets.UTF_8);
            frameBytes = bytes;
        }
        return bytes;
    }

    /** This packet as one segment of a long-polling payload: binary goes base64 with a 'b' prefix. */
    public String pollingSegment() {
        String segment = pollingSegment;
        if (segment == null) {
            segment = binary != null ? "b" + Base64.getEncoder().encodeToString(binary) : type.code() + text;
            pollingSegment = segment;
        }
        return segment;
    }

    /** Bytes this packet adds to a long-polling body (UTF-8 text, or 'b' + base64), used to cap buffers. */
    public int pollingSize() {
        return binary != null ? 1 + 4 * ((binary.length + 2) / 3) : frameBytes().length;
    }

    @Override
    public String toString() {
        return binary != null ? "binary(" + binary.length + ")" : type.code() + (text.length() > 64 ? text.substring(0, 64) + "..." : text);
    }
}
