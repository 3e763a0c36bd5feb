package dev.realtime.engineio;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/** Decodes Engine.IO v4 packets and long-polling payloads, and encodes payloads. Stateless. */
public final class EngineCodec {

    static final char RECORD_SEPARATOR = '\u001e';
    private static final Pattern WHITESPACE = Pattern.compile("[\\r\\n\\t ]");

    private EngineCodec() {
    }

    /** Decodes the text of one WebSocket frame or one payload segment. */
    public static EnginePacket decodeText(String data) {
        if (data.isEmpty()) {
            throw new ProtocolException("empty packet");
        }
        PacketType type = PacketType.fromCode(data.charAt(0));
        if (type == PacketType.OPEN) {
            throw new ProtocolException("a client never sends an open packet");
        }
        return EnginePacket.text(type, data.substring(1));
    }

    /** Decodes a long-polling request body: packets separated by the record separator, binary as 'b' + base64. */
    public static List<EnginePacket> decodePayload(String payload) {
        List<EnginePacket> packets = new ArrayList<>();
        int start = 0;
        while (start <= payload.length()) {
            int end = payload.indexOf(RECORD_SEPARATOR, start);
            if (end < 0) {
                end = payload.length();
            }
            packets.add(decodeSegment(payload.substring(start, end)));
            start = end + 1;
        }
        return packets;
    }

    private static EnginePacket decodeSegment(String segment) {
        if (segment.startsWith("b")) {
            try {
                // Some clients (the Java one) wrap base64 in lines; whitespace carries no data, anything else is an error.
                String base64 = WHITESPACE.matcher(segment.substring(1)).replaceAll("");
                return EnginePacket.binary(Base64.getDecoder().decode(base64));
            } catch (IllegalArgumentException e) {
                throw new ProtocolException("invalid base64 in binary packet");
            }
        }
        return decodeText(segment);
    }

    /** Encodes packets as one long-polling response body. */
    public static String encodePayload(List<EnginePacket> packets) {
        StringBuilder body = new StringBuilder();
        for (EnginePacket packet : packets) {
            if (!body.isEmpty()) {
                body.append(RECORD_SEPARATOR);
            }
            body.append(packet.pollingSegment());
        }
        return body.toString();
    }
}
