package dev.realtime.engineio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EngineCodecTest {

    @Test
    void decodeText_messageWithData_returnsTextMessage() {
        String frame = "4hello";

        EnginePacket packet = EngineCodec.decodeText(frame);

        assertThat(packet.type()).isEqualTo(PacketType.MESSAGE);
        assertThat(packet.isBinary()).isFalse();
        assertThat(packet.text()).isEqualTo("hello");
    }

    @Test
    void decodeText_typeDigitOnly_returnsEmptyText() {
        String frame = "3";

        EnginePacket packet = EngineCodec.decodeText(frame);

        assertThat(packet.type()).isEqualTo(PacketType.PONG);
        assertThat(packet.text()).isEmpty();
    }

    @Test
    void decodeText_probePing_keepsProbeAsData() {
        String frame = "2probe";

        EnginePacket packet = EngineCodec.decodeText(frame);

        assertThat(packet.type()).isEqualTo(PacketType.PING);
        assertThat(packet.text()).isEqualTo("probe");
    }

    @Test
    void decodeText_multibyteData_keptIntact() {
        String frame = "4héllo €😀";

        EnginePacket packet = EngineCodec.decodeText(frame);

        assertThat(packet.text()).isEqualTo("héllo €😀");
    }

    @Test
    void decodeText_empty_throwsProtocolException() {
        String frame = "";

        assertThatThrownBy(() -> EngineCodec.decodeText(frame)).isInstanceOf(ProtocolException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"7", "9hello", "abc", "/x", " 4hello"})
    void decodeText_unknownTypeDigit_throwsProtocolException(String frame) {
        assertThatThrownBy(() -> EngineCodec.decodeText(frame)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void decodeText_openPacketFromClient_throwsProtocolException() {
        String frame = "0{\"sid\":\"chosen-by-client\"}";

        assertThatThrownBy(() -> EngineCodec.decodeText(frame)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void decodePayload_oneTextPacket_returnsIt() {
        String payload = "4hello";

        List<EnginePacket> packets = EngineCodec.decodePayload(payload);

        assertThat(packets).singleElement().satisfies(packet -> {
            assertThat(packet.type()).isEqualTo(PacketType.MESSAGE);
            assertThat(packet.text()).isEqualTo("hello");
        });
    }

    @Test
    void decodePayload_severalTextPackets_splitsOnRecordSeparatorInOrder() {
        String payload = "4hello\u001e3\u001e4€uro";

        List<EnginePacket> packets = EngineCodec.decodePayload(payload);

        assertThat(packets).extracting(EnginePacket::type)
                .containsExactly(PacketType.MESSAGE, PacketType.PONG, PacketType.MESSAGE);
        assertThat(packets).extracting(EnginePacket::text).containsExactly("hello", "", "€uro");
    }

    @Test
    void decodePayload_base64Segment_returnsBinaryMessage() {
        String payload = "4hello\u001ebAQIDBA==";

        List<EnginePacket> packets = EngineCodec.decodePayload(payload);

        assertThat(packets).hasSize(2);
        assertThat(packets.get(0).text()).isEqualTo("hello");
        assertThat(packets.get(1).isBinary()).isTrue();
        assertThat(packets.get(1).type()).isEqualTo(PacketType.MESSAGE);
        assertThat(packets.get(1).binary()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void decodePayload_emptyBase64Segment_returnsEmptyBinary() {
        String payload = "b";

        List<EnginePacket> packets = EngineCodec.decodePayload(payload);

        assertThat(packets).singleElement().satisfies(packet -> assertThat(packet.binary()).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bAAEC\n", "bAA\r\nEC", "bAA EC"})
    void decodePayload_base64WrappedInWhitespace_decodesTheBytes(String payload) {
        List<EnginePacket> packets = EngineCodec.decodePayload(payload);

        assertThat(packets).singleElement().satisfies(packet -> assertThat(packet.binary()).containsExactly(0, 1, 2));
    }

    @Test
    void decodePayload_empty_throwsProtocolException() {
        String payload = "";

        assertThatThrownBy(() -> EngineCodec.decodePayload(payload)).isInstanceOf(ProtocolException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4a\u001e", "\u001e4a", "4a\u001e\u001e4b"})
    void decodePayload_emptySegment_throwsProtocolException(String payload) {
        assertThatThrownBy(() -> EngineCodec.decodePayload(payload)).isInstanceOf(ProtocolException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"b!!!!", "bAQ=D", "4ok\u001eb$$"})
    void decodePayload_badBase64_throwsProtocolException(String payload) {
        assertThatThrownBy(() -> EngineCodec.decodePayload(payload)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void decodePayload_unknownTypeAfterValidPacket_throwsProtocolException() {
        String payload = "4ok\u001eabc";

        assertThatThrownBy(() -> EngineCodec.decodePayload(payload)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void decodePayload_openPacket_throwsProtocolException() {
        String payload = "4ok\u001e0{}";

        assertThatThrownBy(() -> EngineCodec.decodePayload(payload)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void encodePayload_textAndBinary_joinsSegmentsWithRecordSeparator() {
        List<EnginePacket> packets = List.of(EnginePacket.message("hello"), EnginePacket.binary(new byte[] {1, 2, 3, 4}));

        String payload = EngineCodec.encodePayload(packets);

        assertThat(payload).isEqualTo("4hello\u001ebAQIDBA==");
    }

    @Test
    void encodePayload_onePacket_hasNoSeparator() {
        List<EnginePacket> packets = List.of(EnginePacket.PING);

        String payload = EngineCodec.encodePayload(packets);

        assertThat(payload).isEqualTo("2");
    }

    @Test
    void encodePayload_noPackets_isEmpty() {
        List<EnginePacket> packets = List.of();

        String payload = EngineCodec.encodePayload(packets);

        assertThat(payload).isEmpty();
    }

    @Test
    void encodePayload_decodedAgain_givesBackSamePackets() {
        List<EnginePacket> packets = List.of(
                EnginePacket.PONG,
                EnginePacket.message("héllo €😀"),
                EnginePacket.binary(new byte[] {0, -1, 127, -128}),
                EnginePacket.message(""),
                EnginePacket.NOOP,
                EnginePacket.CLOSE);

        List<EnginePacket> decoded = EngineCodec.decodePayload(EngineCodec.encodePayload(packets));

        assertThat(decoded).extracting(EnginePacket::type).containsExactlyElementsOf(packets.stream().map(EnginePacket::type).toList());
        assertThat(decoded).extracting(EnginePacket::text).containsExactlyElementsOf(packets.stream().map(EnginePacket::text).toList());
        assertThat(decoded.get(2).binary()).containsExactly(0, -1, 127, -128);
    }
}
