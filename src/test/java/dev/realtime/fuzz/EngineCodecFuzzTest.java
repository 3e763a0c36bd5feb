package dev.realtime.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.realtime.engineio.EngineCodec;
import dev.realtime.engineio.EnginePacket;
import dev.realtime.engineio.PacketType;
import dev.realtime.engineio.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Engine.IO's two decoders: a WebSocket text frame and a long-polling request body. Either decodes to packets that
 * encode back to what they were read from, or rejects with {@link ProtocolException}; any other throwable is a
 * finding. Input bytes are read as UTF-8, as the transports read a text frame or a request body.
 */
class EngineCodecFuzzTest {

    @FuzzTest
    void decodeText(byte[] input) {
        String frame = new String(input, StandardCharsets.UTF_8);

        EnginePacket packet;
        try {
            packet = EngineCodec.decodeText(frame);
        } catch (ProtocolException rejected) {
            return;
        }

        assertThat(packet.type()).isNotEqualTo(PacketType.OPEN);
        assertThat(packet.isBinary()).isFalse();
        assertThat(packet.pollingSegment()).isEqualTo(frame);
        assertThat(packet.frameBytes()).isEqualTo(frame.getBytes(StandardCharsets.UTF_8));
    }

    @FuzzTest
    void decodePayload(byte[] input) {
        String body = new String(input, StandardCharsets.UTF_8);

        List<EnginePacket> packets;
        try {
            packets = EngineCodec.decodePayload(body);
        } catch (ProtocolException rejected) {
            return;
        }

        long separators = body.chars().filter(c -> c == '\u001e').count();
        assertThat(packets).hasSize((int) separators + 1);
        List<EnginePacket> again = EngineCodec.decodePayload(EngineCodec.encodePayload(packets));
        assertThat(again).map(EnginePacket::pollingSegment)
                .containsExactlyElementsOf(packets.stream().map(EnginePacket::pollingSegment).toList());
    }
}
