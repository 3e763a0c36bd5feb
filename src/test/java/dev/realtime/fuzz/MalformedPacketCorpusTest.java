package dev.realtime.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.realtime.engineio.EngineCodec;
import dev.realtime.engineio.ProtocolException;
import dev.realtime.socketio.SocketCodec;
import dev.realtime.socketio.SocketPacket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every hand-written malformed packet in {@code malformed-packets.txt} is refused by its decoder with
 * {@link ProtocolException}, and with nothing else. The file's header says how a line reads.
 */
class MalformedPacketCorpusTest {

    private static final String CORPUS = "malformed-packets.txt";

    private final SocketCodec codec = new SocketCodec(JsonMapper.builder().build(), SocketCodecFuzzTest.MAX_ATTACHMENTS);

    @ParameterizedTest
    @MethodSource("malformedPackets")
    void decode_malformedPacket_protocolException(String decoder, String packet) {
        ThrowingCallable decode = switch (decoder) {
            case "engine-frame" -> () -> EngineCodec.decodeText(packet);
            case "engine-payload" -> () -> EngineCodec.decodePayload(packet);
            case "socket" -> () -> codec.decode(packet);
            case "socket-binary" -> reconstructWithAnnouncedAttachments(packet);
            default -> throw new IllegalArgumentException("unknown decoder '" + decoder + "' in " + CORPUS);
        };

        assertThatThrownBy(decode).isExactlyInstanceOf(ProtocolException.class);
    }

    @Test
    void corpus_everyDecoder_hasCases() throws IOException {
        List<String> decoders = lines().map(line -> line.split(" ", 2)[0]).distinct().toList();

        assertThat(decoders).containsExactlyInAnyOrder("engine-frame", "engine-payload", "socket", "socket-binary");
    }

    /** The packet must decode, so that the line tests reassembly: its placeholders are what is malformed. */
    private ThrowingCallable reconstructWithAnnouncedAttachments(String packet) {
        SocketPacket decoded = codec.decode(packet);
        List<byte[]> attachments = Collections.nCopies(decoded.attachments(), new byte[] {1});
        return () -> codec.reconstruct(decoded, attachments);
    }

    static Stream<Arguments> malformedPackets() throws IOException {
        return lines().map(line -> {
            String[] parts = line.split(" ", 2);
            String packet = parts.length > 1 ? unescape(parts[1]) : "";
            return argumentSet(line.length() > 80 ? line.substring(0, 80) + "..." : line, parts[0], packet);
        });
    }

    private static Stream<String> lines() throws IOException {
        InputStream in = MalformedPacketCorpusTest.class.getResourceAsStream(CORPUS);
        assertThat(in).as(CORPUS).isNotNull();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).toList().stream();
        }
    }

    /** A backslash, 'u' and four hex digits stand for that UTF-16 unit; two backslashes for one; nothing else. */
    static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && text.startsWith("u", i + 1)) {
                out.append((char) Integer.parseInt(text, i + 2, i + 6, 16));
                i += 5;
            } else if (c == '\\' && text.startsWith("\\", i + 1)) {
                out.append('\\');
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
