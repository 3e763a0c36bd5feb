package dev.realtime.cluster;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;

/**
 * A JSON tree as MessagePack, the way the Node adapter's encoder (notepack.io 3) writes it: integers in their
 * smallest form, every other number as float64, binary as {@code bin}, maps with string keys. Decoding also reads
 * what older Node peers wrote: timestamps become ISO strings (as a Date becomes in JSON), the legacy
 * ext-type-0 buffer becomes binary and the legacy {@code undefined} becomes null.
 */
final class MsgPack {

    /** Deeper input than this is refused rather than recursed into: it comes from the network. */
    static final int MAX_DEPTH = 64;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final double TWO_TO_63 = 0x1p63;
    // What JSON.stringify makes of a Date, so a date reads the same whichever encoding carried it.
    private static final DateTimeFormatter JS_DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private MsgPack() {
    }

    static byte[] encode(JsonNode node) {
        try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
            pack(packer, node, 0);
            return packer.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("in-memory packing failed", e);
        }
    }

    /** @throws IllegalArgumentException when the bytes are not one complete MessagePack value */
    static JsonNode decode(byte[] bytes) {
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(bytes)) {
            JsonNode node = unpack(unpacker, 0);
            if (unpacker.hasNext()) {
                throw new IllegalArgumentException("bytes after the MessagePack value");
            }
            return node;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not MessagePack: " + e.getMessage(), e);
        }
    }

    private static void pack(MessagePacker packer, JsonNode node, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("nested deeper than " + MAX_DEPTH);
        }
        if (node == null || node.isNull() || node.isMissingNode()) {
            packer.packNil();
        } else if (node.isBoolean()) {
            packer.packBoolean(node.booleanValue());
        } else if (node.isIntegralNumber()) {
            packInteger(packer, node.bigIntegerValue());
        } else if (node.isNumber()) {
            packNumber(packer, node.doubleValue());
        } else if (node.isString()) {
            packer.packString(node.stringValue());
        } else if (node.isBinary() || node instanceof POJONode pojo && pojo.getPojo() instanceof byte[]) {
            byte[] bytes = node instanceof POJONode pojo ? (byte[]) pojo.getPojo() : node.binaryValue();
            packer.packBinaryHeader(bytes.length);
            packer.writePayload(bytes);
        } else if (node.isArray()) {
            packer.packArrayHeader(node.size());
            for (JsonNode child : node.values()) {
                pack(packer, child, depth + 1);
            }
        } else if (node.isObject()) {
            packer.packMapHeader(node.size());
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                packer.packString(field.getKey());
                pack(packer, field.getValue(), depth + 1);
            }
        } else {
            throw new IllegalArgumentException("no MessagePack form for " + node.getNodeType());
        }
    }

    private static void packInteger(MessagePacker packer, BigInteger value) throws IOException {
        if (value.bitLength() < 64) {
            packer.packLong(value.longValue());
        } else if (value.signum() > 0 && value.compareTo(MAX_UINT64) <= 0) {
            packer.packBigInteger(value);
        } else {
            packer.packDouble(value.doubleValue());
        }
    }

    // A JavaScript number that is a whole number is packed as an integer whatever its Java type.
    private static void packNumber(MessagePacker packer, double value) throws IOException {
        boolean whole = value == Math.rint(value) && !Double.isInfinite(value)
                && Math.abs(value) < TWO_TO_63 && !(value == 0 && 1 / value < 0);
        if (whole) {
            packer.packLong((long) value);
        } else {
            packer.packDouble(value);
        }
    }

    private static JsonNode unpack(MessageUnpacker unpacker, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("nested deeper than " + MAX_DEPTH);
        }
        MessageFormat format = unpacker.getNextFormat();
        return switch (format.getValueType()) {
            case NIL -> {
                unpacker.unpackNil();
                yield NODES.nullNode();
            }
            case BOOLEAN -> NODES.booleanNode(unpacker.unpackBoolean());
            case INTEGER -> format == MessageFormat.UINT64
                    ? NODES.numberNode(unpacker.unpackBigInteger())
                    : NODES.numberNode(unpacker.unpackLong());
            case FLOAT -> NODES.numberNode(unpacker.unpackDouble());
            case STRING -> NODES.stringNode(unpacker.unpackString());
            case BINARY -> NODES.binaryNode(unpacker.readPayload(unpacker.unpackBinaryHeader()));
            case ARRAY -> unpackArray(unpacker, depth);
            case MAP -> unpackMap(unpacker, depth);
            case EXTENSION -> unpackExtension(unpacker, format);
        };
    }

    private static ArrayNode unpackArray(MessageUnpacker unpacker, int depth) throws IOException {
        int size = unpacker.unpackArrayHeader();
        ArrayNode array = NODES.arrayNode();
        for (int i = 0; i < size; i++) {
            array.add(unpack(unpacker, depth + 1));
        }
        return array;
    }

    private static ObjectNode unpackMap(MessageUnpacker unpacker, int depth) throws IOException {
        int size = unpacker.unpackMapHeader();
        ObjectNode object = NODES.objectNode();
        for (int i = 0; i < size; i++) {
            JsonNode key = unpack(unpacker, depth + 1);
            // JavaScript turns every key into a string; so does this.
            object.set(key.isString() ? key.stringValue() : key.toString(), unpack(unpacker, depth + 1));
        }
        return object;
    }

    private static JsonNode unpackExtension(MessageUnpacker unpacker, MessageFormat format) throws IOException {
        ExtensionTypeHeader header = unpacker.unpackExtensionTypeHeader();
        if (header.isTimestampType()) {
            return NODES.stringNode(JS_DATE.format(unpacker.unpackTimestamp(header)));
        }
        byte[] payload = unpacker.readPayload(header.getLength());
        if (header.getType() != 0) {
            ArrayNode unknown = NODES.arrayNode();
            return unknown.add(header.getType()).add(NODES.binaryNode(payload));
        }
        // notepack 2 wrote undefined as fixext1 and a Date as fixext8 (ms); a buffer as ext8/16/32.
        if (format == MessageFormat.FIXEXT1) {
            return NODES.nullNode();
        }
        if (format == MessageFormat.FIXEXT8) {
            long millis = 0;
            for (byte b : payload) {
                millis = millis << 8 | (b & 0xff);
            }
            return NODES.stringNode(JS_DATE.format(Instant.ofEpochMilli(millis)));
        }
        return NODES.binaryNode(payload);
    }
}
