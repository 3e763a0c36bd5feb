package dev.realtime.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.socketio.SocketIoServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A WebSocket the server closes for bad input says why in its close frame (RFC 6455, 7.4.1): 1007 for text that
 * is not UTF-8, 1002 for what is not Engine.IO or Socket.IO, 1009 for a message over the size limit. The
 * properties are SocketIoEndpointIT's, so both run in one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "realtime.cors.allowed-origins=http://app.test",
        "realtime.socketio.max-payload=100000B",
        "realtime.socketio.max-buffered=64KB",
        "realtime.socketio.max-attachments=2"})
class WebSocketCloseStatusIT {

    @LocalServerPort
    int port;

    @Autowired
    SocketIoServer io;

    @BeforeEach
    void namespace() {
        io.of("/close");
    }

    @Test
    void textFrame_notUtf8_closedWith1007() throws Exception {
        try (WireWebSocket client = WireWebSocket.connect(port)) {
            ByteArrayOutputStream packet = new ByteArrayOutputStream();
            packet.writeBytes("42[\"test:echo\",\"".getBytes(StandardCharsets.US_ASCII));
            packet.writeBytes(new byte[] {(byte) 0xc3, 0x28});
            packet.writeBytes("\"]".getBytes(StandardCharsets.US_ASCII));

            client.sendText(packet.toByteArray());

            assertThat(client.awaitClose()).isEqualTo(new WireWebSocket.Close(1007, "invalid UTF-8"));
        }
    }

    @Test
    void socketIoPacket_malformed_closedWith1002AndReason() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(port, null, true)) {
            client.connectTo("/close");

            client.send("42/close,{\"not\":\"an array\"}");

            assertThat(client.closed().get(5, TimeUnit.SECONDS)).isEqualTo(1002);
            assertThat(client.closeReason()).isEqualTo("invalid payload for EVENT");
        }
    }

    @Test
    void engineIoPacket_unknownType_closedWith1002AndReason() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(port, null, true)) {
            client.connectTo("/close");

            client.send("9");

            assertThat(client.closed().get(5, TimeUnit.SECONDS)).isEqualTo(1002);
            assertThat(client.closeReason()).isEqualTo("unknown packet type '9'");
        }
    }

    @Test
    void message_overMaxPayloadInOneFrame_closedWith1009() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(port, null, true)) {
            client.connectTo("/close");

            client.send("42/close,[\"big\",\"" + "x".repeat(100_001) + "\"]");

            assertThat(client.closed().get(5, TimeUnit.SECONDS)).isEqualTo(1009);
        }
    }

    @Test
    void message_overMaxPayloadAcrossFragments_closedWith1009() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(port, null, true)) {
            client.connectTo("/close");

            client.sendFragmented("42/close,[\"big\",\"", "x".repeat(60_000), "x".repeat(60_000), "\"]");

            assertThat(client.closed().get(5, TimeUnit.SECONDS)).isEqualTo(1009);
            assertThat(client.closeReason()).isEqualTo("message over 100000 bytes");
        }
    }
}
