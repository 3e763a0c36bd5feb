package dev.realtime.socketio;

import dev.realtime.engineio.EnginePacket;
import dev.realtime.engineio.ProtocolException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BinaryNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;

/**
 * Encodes and decodes Socket.IO v5 packets ({@code <type>[<attachments>-][<nsp>,][<ack id>][<json>]}). Binary data
 * travels as {@link BinaryNode}s inside the JSON tree; on the wire each is a placeholder plus an attachment.
 */
public final class SocketCodec {

    private static final Set<String> RESERVED_EVENTS =
            Set.of("connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener");
    private static final int MAX_ACK_ID_DIGITS = 15;

    private final JsonMapper mapper;
    private final int maxAttachments;

    public SocketCodec(JsonMapper mapper, int maxAttachments) {
        this.mapper = mapper;
        this.maxAttachments = maxAttachments;
    }

    public JsonMapper mapper() {
        return mapper;
    }

    /** Decodes the text of an Engine.IO message; a BINARY_* result still needs its attachments. */
    public SocketPacket decode(String text) {
        if (text.isEmpty()) {
            throw new ProtocolException("empty packet");
        }
        PacketKind kind = PacketKind.fromCode(text.charAt(0));
        int i = 1;
        int attachments = 0;
        if (kind.isBinary()) {
            int dash = text.indexOf('-', i);
            if (dash < 0 || dash == i || dash - i > 3 || !digits(text, i, dash)) {
                throw new ProtocolException("invalid attachment count");
            }
            attachments = Integer.parseInt(text, i, dash, 10);
            if (attachments > maxAttachments) {
                throw new ProtocolException("too many attachments");
            }
            i = dash + 1;
        }
        String namespace = "/";
        if (i < text.length() && text.charAt(i) == '/') {
            int comma = text.indexOf(',', i);
            int end = comma < 0 ? text.length() : comma;
            namespace = text.substring(i, end);
            i = comma < 0 ? end : comma + 1;
        }
        int idStart = i;
        while (i < text.length() && isAsciiDigit(text.charAt(i))) {
            i++;
        }
        if (i - idStart > MAX_ACK_ID_DIGITS) {
            throw new ProtocolException("ack id too long");
        }
        Long ackId = i > idStart ? Long.parseLong(text, idStart, i, 10) : null;
        JsonNode data = i < text.length() ? parse(text.substring(i)) : null;
        SocketPacket packet = new SocketPacket(kind, namespace, ackId, data, attachments);
        validate(packet);
        return packet;
    }

    /**
     * Puts the attachments in place of their placeholders: BINARY_EVENT becomes EVENT, BINARY_ACK becomes ACK. Each
     * attachment fills one placeholder at most: one attachment behind many placeholders would encode again as many
     * attachments, past the limits that bound what this packet may hold.
     */
    public SocketPacket reconstruct(SocketPacket packet, List<byte[]> attachments) {
        JsonNode data = fill(packet.data(), attachments, new boolean[attachments.size()]);
        PacketKind kind = switch (packet.kind()) {
            case BINARY_EVENT -> PacketKind.EVENT;
            case BINARY_ACK -> PacketKind.ACK;
            default -> packet.kind();
        };
        return new SocketPacket(kind, packet.namespace(), packet.ackId(), data, 0);
    }

    /** Encodes a packet as the Engine.IO messages that carry it: the text, then one binary message per attachment. */
    public List<EnginePacket> encode(PacketKind kind, String namespace, Long ackId, JsonNode data) {
        List<byte[]> attachments = new ArrayList<>();
        JsonNode payload = data != null && hasBinary(data) ? deconstruct(data, attachments) : data;
        PacketKind wireKind = kind;
        if (!attachments.isEmpty()) {
            wireKind = kind == PacketKind.ACK ? PacketKind.BINARY_ACK : PacketKind.BINARY_EVENT;
        }
        StringBuilder text = new StringBuilder().append(wireKind.code());
        if (!attachments.isEmpty()) {
            text.append(attachments.size()).append('-');
        }
        if (!namespace.equals("/")) {
            text.append(namespace).append(',');
        }
        if (ackId != null) {
            text.append(ackId);
        }
        if (payload != null) {
            text.append(mapper.writeValueAsString(payload));
        }
        List<EnginePacket> packets = new ArrayList<>(1 + attachments.size());
        packets.add(EnginePacket.message(text.toString()));
        attachments.forEach(bytes -> packets.add(EnginePacket.binary(bytes)));
        return packets;
    }

    private JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (JacksonException e) {
            throw new ProtocolException("invalid JSON payload");
        }
    }

    private static void validate(SocketPacket packet) {
        JsonNode data = packet.data();
        boolean valid = switch (packet.kind()) {
            case CONNECT -> data == null || data.isObject();
            case DISCONNECT -> data == null;
            case EVENT, BINARY_EVENT -> data != null && data.isArray() && !data.isEmpty()
                    && data.get(0).isString() && !RESERVED_EVENTS.contains(data.get(0).asString());
            case ACK, BINARY_ACK -> data != null && data.isArray() && packet.ackId() != null;
            case CONNECT_ERROR -> false;
        };
        if (!valid) {
            throw new ProtocolException("invalid payload for " + packet.kind());
        }
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isAsciiDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isBinary(JsonNode node) {
        return node.isBinary() || (node instanceof POJONode pojo && pojo.getPojo() instanceof byte[]);
    }

    static byte[] bytes(JsonNode node) {
        return node instanceof POJONode pojo ? (byte[]) pojo.getPojo() : node.binaryValue();
    }

    private static boolean hasBinary(JsonNode node) {
        if (isBinary(node)) {
            return true;
        }
        if (node.isContainer()) {
            for (JsonNode child : node.values()) {
                if (hasBinary(child)) {
                    return true;
                }
            }
        }
        return false;
    }

    private JsonNode deconstruct(JsonNode node, List<byte[]> attachments) {
        if (isBinary(node)) {
            ObjectNode placeholder = mapper.createObjectNode();
            placeholder.put("_placeholder", true);
            placeholder.put("num", attachments.size());
            attachments.add(bytes(node));
            return placeholder;
        }
        if (node.isArray()) {
            ArrayNode copy = mapper.createArrayNode();
            node.values().forEach(child -> copy.add(deconstruct(child, attachments)));
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = mapper.createObjectNode();
            node.properties().forEach(e -> copy.set(e.getKey(), deconstruct(e.getValue(), attachments)));
            return copy;
        }
        return node;
    }

    private JsonNode fill(JsonNode node, List<byte[]> attachments, boolean[] used) {
        if (node == null) {
            return null;
        }
        if (node.isObject() && node.path("_placeholder").asBoolean(false)) {
            JsonNode num = node.get("num");
            if (num == null || !num.isInt() || num.asInt() < 0 || num.asInt() >= attachments.size()) {
                throw new ProtocolException("invalid attachment placeholder");
            }
            if (used[num.asInt()]) {
                throw new ProtocolException("attachment placeholder used twice");
            }
            used[num.asInt()] = true;
            return BinaryNode.valueOf(attachments.get(num.asInt()));
        }
        if (node.isArray()) {
            ArrayNode copy = mapper.createArrayNode();
            node.values().forEach(child -> copy.add(fill(child, attachments, used)));
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = mapper.createObjectNode();
            node.properties().forEach(e -> copy.set(e.getKey(), fill(e.getValue(), attachments, used)));
            return copy;
        }
        return node;
    }
}
