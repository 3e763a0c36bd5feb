package dev.realtime.engineio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnginePacketTest {

    @Test
    void frameBytes_multibyteText_isUtf8OfTypeDigitAndText() {
        EnginePacket packet = EnginePacket.message("é€😀");

        byte[] frame = packet.frameBytes();

        assertThat(frame).containsExactly(0x34, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80);
        assertThat(new String(frame, StandardCharsets.UTF_8)).isEqualTo("4é€😀");
    }

    @Test
    void frameBytes_binary_isTheRawBytes() {
        EnginePacket packet = EnginePacket.binary(new byte[] {1, 2, 3, 4});

        byte[] frame = packet.frameBytes();

        assertThat(frame).containsExactly(1, 2, 3, 4);
    }

    @Test
    void frameBytes_calledTwice_sharesOneEncoding() {
        EnginePacket packet = EnginePacket.message("broadcast");

        byte[] first = packet.frameBytes();
        byte[] second = packet.frameBytes();

        assertThat(second).isSameAs(first);
    }

    @Test
    void pollingSegment_multibyteText_isTypeDigitAndTextUnchanged() {
        EnginePacket packet = EnginePacket.message("é€😀");

        String segment = packet.pollingSegment();

        assertThat(segment).isEqualTo("4é€😀");
    }

    @Test
    void pollingSegment_binary_isBPrefixedBase64() {
        EnginePacket packet = EnginePacket.binary(new byte[] {1, 2, 3, 4});

        String segment = packet.pollingSegment();

        assertThat(segment).isEqualTo("bAQIDBA==");
    }

    @Test
    void pollingSegment_emptyBinary_isBAlone() {
        EnginePacket packet = EnginePacket.binary(new byte[0]);

        String segment = packet.pollingSegment();

        assertThat(segment).isEqualTo("b");
    }

    @Test
    void pollingSegment_controlPackets_areTheirTypeDigit() {
        List<EnginePacket> packets = List.of(EnginePacket.CLOSE, EnginePacket.PING, EnginePacket.PONG, EnginePacket.NOOP);

        List<String> segments = packets.stream().map(EnginePacket::pollingSegment).toList();

        assertThat(segments).containsExactly("1", "2", "3", "6");
    }

    @Test
    void text_nullData_isEmptyText() {
        EnginePacket packet = EnginePacket.text(PacketType.MESSAGE, null);

        String segment = packet.pollingSegment();

        assertThat(packet.text()).isEmpty();
        assertThat(segment).isEqualTo("4");
    }

    @Test
    void pollingSize_multibyteText_isUtf8Length() {
        EnginePacket packet = EnginePacket.message("\u20ac".repeat(150));

        int size = packet.pollingSize();

        assertThat(size).isEqualTo(packet.frameBytes().length).isEqualTo(451);
    }

    @Test
    void pollingSize_binary_isBase64SegmentLength() {
        EnginePacket packet = EnginePacket.binary(new byte[30]);

        int size = packet.pollingSize();

        assertThat(size).isEqualTo(packet.pollingSegment().length()).isEqualTo(41);
    }
}
