package dev.realtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BinaryNode;
import tools.jackson.databind.node.JsonNodeFactory;

class MsgPackTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HexFormat HEX = HexFormat.of();
    // A Node server's io.to("room1").emit("hello", "world") as the adapter publishes it (wire spec, example A).
    private static final String NODE_BROADCAST = "93a6416231324364" + "83a474797065" + "02a46461746192a568656c6c6f"
            + "a5776f726c64a36e7370a12f" + "83a5726f6f6d7391a5726f6f6d31a665786365707490a5666c61677380";

    @Test
    void encode_nodeBroadcastEnvelope_sameBytesAsNode() {
        JsonNode envelope = JSON.readTree("[\"Ab12Cd\",{\"type\":2,\"data\":[\"hello\",\"world\"],\"nsp\":\"/\"},"
                + "{\"rooms\":[\"room1\"],\"except\":[],\"flags\":{}}]");

        byte[] bytes = MsgPack.encode(envelope);

        assertThat(HEX.formatHex(bytes)).isEqualTo(NODE_BROADCAST);
    }

    @Test
    void decode_nodeBroadcastEnvelope_sameTree() {
        JsonNode envelope = MsgPack.decode(HEX.parseHex(NODE_BROADCAST));

        assertThat(envelope.get(0).asString()).isEqualTo("Ab12Cd");
        assertThat(envelope.get(1).toString()).isEqualTo("{\"type\":2,\"data\":[\"hello\",\"world\"],\"nsp\":\"/\"}");
        assertThat(envelope.get(2).path("rooms").get(0).asString()).isEqualTo("room1");
    }

    @Test
    void roundTrip_binary_isMsgPackBinAndComesBackAsBinary() {
        ArrayNode data = JsonNodeFactory.instance.arrayNode().add("bin").add(BinaryNode.valueOf(new byte[] {1, 2, 3}));

        byte[] bytes = MsgPack.encode(data);
        JsonNode back = MsgPack.decode(bytes);

        assertThat(HEX.formatHex(bytes)).isEqualTo("92a362696ec403010203");
        assertThat(back.get(1).isBinary()).isTrue();
        assertThat(back.get(1).binaryValue()).containsExactly(1, 2, 3);
    }

    @Test
    void encode_numbers_wholeNumbersAsSmallestIntegerOthersAsFloat64() {
        JsonNode numbers = JSON.readTree("[1, -1, 300, 2.0, 1.5, 4294967296]");

        String hex = HEX.formatHex(MsgPack.encode(numbers));

        assertThat(hex).isEqualTo("96" + "01" + "ff" + "cd012c" + "02" + "cb3ff8000000000000" + "cf0000000100000000");
    }

    @Test
    void decode_everyIntegerAndFloatWidth_numbers() {
        JsonNode numbers = MsgPack.decode(HEX.parseHex("94" + "d0ff" + "ce00010000" + "ca3fc00000" + "cfffffffffffffffff"));

        assertThat(numbers.get(0).asLong()).isEqualTo(-1);
        assertThat(numbers.get(1).asLong()).isEqualTo(65536);
        assertThat(numbers.get(2).asDouble()).isEqualTo(1.5);
        assertThat(numbers.get(3).bigIntegerValue().toString()).isEqualTo("18446744073709551615");
    }

    @Test
    void decode_timestampAndLegacyForms_readAsJsonWould() {
        // ts32 of 1 s, notepack 2's Date (fixext8 type 0, ms), its undefined (fixext1) and its buffer (ext8 type 0).
        JsonNode values = MsgPack.decode(HEX.parseHex("94" + "d6ff00000001" + "d700" + "00000000000003e8"
                + "d40000" + "c7020007 08".replace(" ", "")));

        assertThat(values.get(0).asString()).isEqualTo("1970-01-01T00:00:01.000Z");
        assertThat(values.get(1).asString()).isEqualTo("1970-01-01T00:00:01.000Z");
        assertThat(values.get(2).isNull()).isTrue();
        assertThat(values.get(3).binaryValue()).containsExactly(7, 8);
    }

    @Test
    void decode_truncatedOrTrailingBytes_refused() {
        assertThatThrownBy(() -> MsgPack.decode(HEX.parseHex("92a1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MsgPack.decode(HEX.parseHex("c0c0"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decode_nestedTooDeep_refused() {
        byte[] deep = new byte[MsgPack.MAX_DEPTH + 2];
        java.util.Arrays.fill(deep, (byte) 0x91);
        deep[deep.length - 1] = (byte) 0xc0;

        assertThatThrownBy(() -> MsgPack.decode(deep)).isInstanceOf(IllegalArgumentException.class);
    }
}
