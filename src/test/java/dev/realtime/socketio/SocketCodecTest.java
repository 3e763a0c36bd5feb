package dev.realtime.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.realtime.engineio.EnginePacket;
import dev.realtime.engineio.PacketType;
import dev.realtime.engineio.ProtocolException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BinaryNode;
import tools.jackson.databind.node.POJONode;

class SocketCodecTest {

    private static final int MAX_ATTACHMENTS = 10;

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final SocketCodec codec = new SocketCodec(MAPPER, MAX_ATTACHMENTS);

    @ParameterizedTest
    @MethodSource("validPackets")
    void decode_validPacket_readsEveryPart(String text, SocketPacket expected) {
        SocketPacket packet = codec.decode(text);

        assertThat(packet).isEqualTo(expected);
    }

    static Stream<Arguments> validPackets() {
        String placeholder = "{\"_placeholder\":true,\"num\":0}";
        return Stream.of(
                argumentSet("connect to main namespace", "0", packet(PacketKind.CONNECT, "/", null, null, 0)),
                argumentSet("connect to custom namespace", "0/admin,",
                        packet(PacketKind.CONNECT, "/admin", null, null, 0)),
                argumentSet("connect without trailing comma", "0/custom",
                        packet(PacketKind.CONNECT, "/custom", null, null, 0)),
                argumentSet("connect with auth", "0{\"token\":\"x\"}",
                        packet(PacketKind.CONNECT, "/", null, "{\"token\":\"x\"}", 0)),
                argumentSet("connect to custom namespace with auth", "0/admin,{\"token\":\"x\"}",
                        packet(PacketKind.CONNECT, "/admin", null, "{\"token\":\"x\"}", 0)),
                argumentSet("disconnect from custom namespace", "1/admin,",
                        packet(PacketKind.DISCONNECT, "/admin", null, null, 0)),
                argumentSet("event without ack id", "2[\"a\",1]", packet(PacketKind.EVENT, "/", null, "[\"a\",1]", 0)),
                argumentSet("event with ack id", "2456[\"a\",1]", packet(PacketKind.EVENT, "/", 456L, "[\"a\",1]", 0)),
                argumentSet("event with namespace and ack id", "2/chat,7[\"a\"]",
                        packet(PacketKind.EVENT, "/chat", 7L, "[\"a\"]", 0)),
                argumentSet("ack id of fifteen digits", "2999999999999999[\"a\"]",
                        packet(PacketKind.EVENT, "/", 999_999_999_999_999L, "[\"a\"]", 0)),
                argumentSet("ack", "313[true,\"x\"]", packet(PacketKind.ACK, "/", 13L, "[true,\"x\"]", 0)),
                argumentSet("binary event", "52-[\"upload\"," + placeholder + "," + placeholder + "]",
                        packet(PacketKind.BINARY_EVENT, "/", null,
                                "[\"upload\"," + placeholder + "," + placeholder + "]", 2)),
                argumentSet("binary ack with namespace", "61-/chat,4[" + placeholder + "]",
                        packet(PacketKind.BINARY_ACK, "/chat", 4L, "[" + placeholder + "]", 1)));
    }

    @ParameterizedTest
    @MethodSource("invalidPackets")
    void decode_invalidInput_throwsProtocolException(String text) {
        assertThatThrownBy(() -> codec.decode(text)).isInstanceOf(ProtocolException.class);
    }

    static Stream<Arguments> invalidPackets() {
        return Stream.of(
                argumentSet("empty", ""),
                argumentSet("unknown type digit", "7"),
                argumentSet("unknown type letter", "abc"),
                argumentSet("event payload not an array", "2{}"),
                argumentSet("event without payload", "2"),
                argumentSet("event with empty array", "2[]"),
                argumentSet("event name not a string", "2[1,2]"),
                argumentSet("reserved event name connect", "2[\"connect\"]"),
                argumentSet("reserved event name disconnect", "2[\"disconnect\",1]"),
                argumentSet("ack id with letters", "2abc[\"message-with-ack\",1]"),
                argumentSet("truncated JSON", "2[\"a\""),
                argumentSet("two JSON values", "2[\"a\"][\"b\"]"),
                argumentSet("ack id over fifteen digits", "21234567890123456[\"a\"]"),
                argumentSet("attachments over the cap", "511-[\"a\",{\"_placeholder\":true,\"num\":0}]"),
                argumentSet("attachment count missing", "5-[\"a\"]"),
                argumentSet("attachment count not a number", "5x-[\"a\"]"),
                argumentSet("attachment count without dash", "51[\"a\"]"),
                argumentSet("ack without id", "3[1]"),
                argumentSet("ack without payload", "31"),
                argumentSet("ack payload not an array", "31{}"),
                argumentSet("connect error from a client", "4{\"message\":\"x\"}"),
                argumentSet("connect payload not an object", "0[1]"),
                argumentSet("disconnect with payload", "1{}"),
                argumentSet("ack id in non-ASCII digits", "2\u0661[\"a\"]"),
                argumentSet("attachment count in non-ASCII digits", "5\u0661-[\"a\"]"));
    }

    @Test
    void reconstruct_binaryEvent_replacesPlaceholdersWithBinaryNodesAndBecomesEvent() {
        SocketPacket packet = codec.decode(
                "52-[\"upload\",{\"_placeholder\":true,\"num\":1},{\"_placeholder\":true,\"num\":0}]");

        SocketPacket complete = codec.reconstruct(packet, List.of(new byte[] {1, 2}, new byte[] {3}));

        assertThat(complete.kind()).isEqualTo(PacketKind.EVENT);
        assertThat(complete.attachments()).isZero();
        assertThat(complete.data().get(1)).isEqualTo(BinaryNode.valueOf(new byte[] {3}));
        assertThat(complete.data().get(2)).isEqualTo(BinaryNode.valueOf(new byte[] {1, 2}));
    }

    @Test
    void reconstruct_nestedPlaceholder_replacedInPlace() {
        SocketPacket packet = codec.decode(
                "61-9[{\"files\":[{\"name\":\"a\",\"data\":{\"_placeholder\":true,\"num\":0}}]}]");

        SocketPacket complete = codec.reconstruct(packet, List.of(new byte[] {7, 8}));

        assertThat(complete.kind()).isEqualTo(PacketKind.ACK);
        assertThat(complete.ackId()).isEqualTo(9L);
        JsonNode file = complete.data().get(0).get("files").get(0);
        assertThat(file.get("name").asString()).isEqualTo("a");
        assertThat(file.get("data").isBinary()).isTrue();
        assertThat(file.get("data").binaryValue()).containsExactly(7, 8);
    }

    @ParameterizedTest
    @MethodSource("badPlaceholders")
    void reconstruct_badPlaceholderNum_throwsProtocolException(String placeholder) {
        SocketPacket packet = codec.decode("51-[\"upload\"," + placeholder + "]");

        assertThatThrownBy(() -> codec.reconstruct(packet, List.of(new byte[] {1})))
                .isInstanceOf(ProtocolException.class);
    }

    static Stream<Arguments> badPlaceholders() {
        return Stream.of(
                argumentSet("num past the attachments", "{\"_placeholder\":true,\"num\":1}"),
                argumentSet("negative num", "{\"_placeholder\":true,\"num\":-1}"),
                argumentSet("num as a string", "{\"_placeholder\":true,\"num\":\"0\"}"),
                argumentSet("num missing", "{\"_placeholder\":true}"));
    }

    @Test
    void reconstruct_attachmentBehindTwoPlaceholders_throwsProtocolException() {
        SocketPacket packet = codec.decode(
                "51-[\"upload\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":0}]");

        assertThatThrownBy(() -> codec.reconstruct(packet, List.of(new byte[] {1})))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("attachment placeholder used twice");
    }

    @Test
    void encode_plainEvent_oneTextMessage() {
        List<EnginePacket> packets = codec.encode(PacketKind.EVENT, "/", null, json("[\"a\",1]"));

        assertThat(packets).singleElement().satisfies(packet -> {
            assertThat(packet.type()).isEqualTo(PacketType.MESSAGE);
            assertThat(packet.text()).isEqualTo("2[\"a\",1]");
        });
    }

    @Test
    void encode_customNamespace_prefixedWithNamespaceAndComma() {
        List<EnginePacket> packets = codec.encode(PacketKind.EVENT, "/custom", null, json("[\"a\"]"));

        assertThat(texts(packets)).containsExactly("2/custom,[\"a\"]");
    }

    @Test
    void encode_eventWithAckId_idBeforePayload() {
        List<EnginePacket> packets = codec.encode(PacketKind.EVENT, "/", 5L, json("[\"a\"]"));

        assertThat(texts(packets)).containsExactly("25[\"a\"]");
    }

    @Test
    void encode_ackInCustomNamespace_namespaceThenId() {
        List<EnginePacket> packets = codec.encode(PacketKind.ACK, "/custom", 7L, json("[1,\"2\"]"));

        assertThat(texts(packets)).containsExactly("3/custom,7[1,\"2\"]");
    }

    @Test
    void encode_connectErrorForUnknownNamespace_matchesWireFormat() {
        List<EnginePacket> packets = codec.encode(PacketKind.CONNECT_ERROR, "/x", null,
                json("{\"message\":\"Invalid namespace\"}"));

        assertThat(texts(packets)).containsExactly("4/x,{\"message\":\"Invalid namespace\"}");
    }

    @Test
    void encode_disconnectWithoutPayload_typeAndNamespaceOnly() {
        assertThat(texts(codec.encode(PacketKind.DISCONNECT, "/", null, null))).containsExactly("1");
        assertThat(texts(codec.encode(PacketKind.DISCONNECT, "/admin", null, null))).containsExactly("1/admin,");
    }

    @Test
    void encode_binaryNodes_becomePlaceholdersWithAttachmentsInTraversalOrder() {
        ArrayNode data = MAPPER.createArrayNode().add("upload").add(BinaryNode.valueOf(new byte[] {1, 2}));
        data.addObject().putArray("nested").add(BinaryNode.valueOf(new byte[] {3}));

        List<EnginePacket> packets = codec.encode(PacketKind.EVENT, "/", null, data);

        assertThat(packets).hasSize(3);
        assertThat(packets.get(0).text()).isEqualTo("52-[\"upload\",{\"_placeholder\":true,\"num\":0},"
                + "{\"nested\":[{\"_placeholder\":true,\"num\":1}]}]");
        assertThat(packets.get(1).binary()).containsExactly(1, 2);
        assertThat(packets.get(2).binary()).containsExactly(3);
    }

    @Test
    void encode_rawBytesInsideMap_becomePlaceholderOfBinaryAck() {
        byte[] bytes = {9, 8, 7};
        JsonNode file = MAPPER.valueToTree(Map.of("file", bytes));
        ArrayNode data = MAPPER.createArrayNode().add(file);

        List<EnginePacket> packets = codec.encode(PacketKind.ACK, "/chat", 3L, data);

        assertThat(file.get("file")).isInstanceOf(POJONode.class);
        assertThat(packets).hasSize(2);
        assertThat(packets.get(0).text()).isEqualTo("61-/chat,3[{\"file\":{\"_placeholder\":true,\"num\":0}}]");
        assertThat(packets.get(1).isBinary()).isTrue();
        assertThat(packets.get(1).binary()).containsExactly(9, 8, 7);
    }

    @Test
    void encode_binaryAndPojoBytesMixed_numberedInTraversalOrder() {
        ArrayNode data = MAPPER.createArrayNode()
                .add("mixed")
                .add(new POJONode(new byte[] {1}))
                .add(BinaryNode.valueOf(new byte[] {2}));

        List<EnginePacket> packets = codec.encode(PacketKind.EVENT, "/", 1L, data);

        assertThat(packets.get(0).text()).isEqualTo(
                "52-1[\"mixed\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        assertThat(packets.get(1).binary()).containsExactly(1);
        assertThat(packets.get(2).binary()).containsExactly(2);
    }

    @Test
    void encode_binaryData_leavesCallersTreeUntouched() {
        ArrayNode data = MAPPER.createArrayNode().add("upload").add(BinaryNode.valueOf(new byte[] {1}));

        codec.encode(PacketKind.EVENT, "/", null, data);

        assertThat(data.get(1).isBinary()).isTrue();
    }

    @Test
    void roundTrip_plainEventWithNamespaceAndAck_decodesToSameData() {
        JsonNode data = json("[\"message\",1,\"2\",{\"3\":[true]},null]");

        List<EnginePacket> packets = codec.encode(PacketKind.EVENT, "/chat", 42L, data);
        SocketPacket decoded = codec.decode(packets.get(0).text());

        assertThat(decoded).isEqualTo(new SocketPacket(PacketKind.EVENT, "/chat", 42L, data, 0));
    }

    @Test
    void roundTrip_binaryEvent_reconstructsOriginalTree() {
        ArrayNode data = MAPPER.createArrayNode().add("upload").add(BinaryNode.valueOf(new byte[] {1, 2, 3}));
        data.addObject().put("name", "b").set("bytes", BinaryNode.valueOf(new byte[] {4, 5}));

        SocketPacket decoded = decodeAndReconstruct(codec.encode(PacketKind.EVENT, "/chat", 8L, data));

        assertThat(decoded).isEqualTo(new SocketPacket(PacketKind.EVENT, "/chat", 8L, data, 0));
    }

    @Test
    void roundTrip_binaryAck_reconstructsOriginalTree() {
        ArrayNode data = MAPPER.createArrayNode().add(BinaryNode.valueOf(new byte[] {0, -1, 127})).add("ok");

        SocketPacket decoded = decodeAndReconstruct(codec.encode(PacketKind.ACK, "/", 0L, data));

        assertThat(decoded).isEqualTo(new SocketPacket(PacketKind.ACK, "/", 0L, data, 0));
    }

    private SocketPacket decodeAndReconstruct(List<EnginePacket> packets) {
        SocketPacket head = codec.decode(packets.get(0).text());
        List<byte[]> attachments = packets.subList(1, packets.size()).stream().map(EnginePacket::binary).toList();
        assertThat(attachments).hasSize(head.attachments());
        return codec.reconstruct(head, attachments);
    }

    private static JsonNode json(String text) {
        return MAPPER.readTree(text);
    }

    private static SocketPacket packet(PacketKind kind, String namespace, Long ackId, String payload, int attachments) {
        JsonNode data = payload == null ? null : json(payload);
        return new SocketPacket(kind, namespace, ackId, data, attachments);
    }

    private static List<String> texts(List<EnginePacket> packets) {
        return packets.stream().map(EnginePacket::text).toList();
    }
}
