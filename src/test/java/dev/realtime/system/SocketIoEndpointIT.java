package dev.realtime.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.realtime.socketio.SocketIoServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Socket.IO endpoint as the application serves it: on the REST port, behind the origin check and the limits,
 * refusing bad input without disturbing other clients and without an uncaught exception in the log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "realtime.cors.allowed-origins=http://app.test",
        "realtime.socketio.max-payload=100000B",
        "realtime.socketio.max-buffered=64KB",
        "realtime.socketio.max-attachments=2"})
@ExtendWith(OutputCaptureExtension.class)
class SocketIoEndpointIT {

    private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> disconnectReasons = new CopyOnWriteArrayList<>();

    @LocalServerPort
    int port;

    @Autowired
    SocketIoServer io;

    @BeforeEach
    void handlers() {
        // A namespace of its own: "/" belongs to the chat gateway, which wants a token.
        io.of("/it")
                .on("test:echo", (socket, args, ack) -> ack.send(args.toArray()))
                .on("test:flood", (socket, args, ack) -> {
                    String blob = "x".repeat(50_000);
                    for (int i = 0; i < 400 && socket.isConnected(); i++) {
                        socket.emit("blob", blob);
                    }
                })
                .onDisconnect((socket, reason) -> disconnectReasons.add(reason));
    }

    @Test
    void restAndSocketIo_samePort_bothAnswer() throws Exception {
        HttpResponse<String> health = get("/api/health", null);

        HttpResponse<String> handshake = get("/socket.io/?EIO=4&transport=polling", null);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("UP");
        assertThat(handshake.statusCode()).isEqualTo(200);
        assertThat(handshake.body()).startsWith("0{").contains("\"maxPayload\":100000");
    }

    @Test
    void polling_foreignOrigin_forbiddenBeforeAnySession() throws Exception {
        int before = io.engine().sessionCount();

        HttpResponse<String> response = get("/socket.io/?EIO=4&transport=polling", "http://evil.test");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("{\"code\":4,\"message\":\"Forbidden\"}");
        assertThat(io.engine().sessionCount()).isEqualTo(before);
    }

    @Test
    void polling_listedOrOwnOrigin_allowedWithCorsHeaders() throws Exception {
        HttpResponse<String> listed = get("/socket.io/?EIO=4&transport=polling", "http://app.test");
        HttpResponse<String> own = get("/socket.io/?EIO=4&transport=polling", "http://localhost:" + port);

        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.headers().firstValue("access-control-allow-origin")).hasValue("http://app.test");
        assertThat(own.statusCode()).isEqualTo(200);
    }

    @Test
    void websocket_foreignOrigin_refusedBeforeUpgrade() {
        assertThatThrownBy(() -> RawWebSocket.connect(port, "http://evil.test", true))
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                        .isEqualTo(403));
    }

    @Test
    void polling_unknownSid_badRequestWithCode() throws Exception {
        HttpResponse<String> response = get("/socket.io/?EIO=4&transport=polling&sid=nope", null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
    }

    @Test
    void polling_oversizeBody_refusedAndSessionClosed(CapturedOutput output) throws Exception {
        String sid = openPollingSession();

        HttpResponse<String> response = post(sid, "4" + "x".repeat(100_001));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(get("/socket.io/?EIO=4&transport=polling&sid=" + sid, null).statusCode()).isEqualTo(400);
        assertThat(get("/socket.io/?EIO=4&transport=polling", null).statusCode()).isEqualTo(200);
        assertThat(output.getAll()).doesNotContain("Exception");
    }

    @Test
    void websocket_oversizeFrame_closedWhileOthersGoOn(CapturedOutput output) throws Exception {
        try (RawWebSocket bystander = RawWebSocket.connect(port, null, true);
             RawWebSocket offender = RawWebSocket.connect(port, null, true)) {
            bystander.connectToTestNamespace();
            offender.connectToTestNamespace();

            offender.send("42/it,[\"test:echo\",\"" + "x".repeat(100_001) + "\"]");

            await().atMost(Duration.ofSeconds(5)).until(() -> offender.closed().isDone());
            bystander.send("42/it,1[\"test:echo\",\"still here\"]");
            assertThat(bystander.next()).isEqualTo("43/it,1[\"still here\"]");
            assertThat(output.getAll()).doesNotContain("Exception");
        }
    }

    @Test
    void websocket_malformedPacket_closedWhileOthersGoOn(CapturedOutput output) throws Exception {
        try (RawWebSocket bystander = RawWebSocket.connect(port, null, true);
             RawWebSocket offender = RawWebSocket.connect(port, null, true)) {
            bystander.connectToTestNamespace();
            offender.connectToTestNamespace();

            offender.send("42/it,{\"not\":\"an array\"}");

            await().atMost(Duration.ofSeconds(5)).until(() -> offender.closed().isDone());
            bystander.send("42/it,2[\"test:echo\",1]");
            assertThat(bystander.next()).isEqualTo("43/it,2[1]");
            assertThat(output.getAll()).doesNotContain("Exception");
        }
    }

    @Test
    void websocket_tooManyAttachments_closed() throws Exception {
        try (RawWebSocket offender = RawWebSocket.connect(port, null, true)) {
            offender.connectToTestNamespace();

            offender.send("453-/it,[\"test:echo\",{\"_placeholder\":true,\"num\":0}]");

            await().atMost(Duration.ofSeconds(5)).until(() -> offender.closed().isDone());
        }
    }

    @Test
    void websocket_binaryAttachmentsWithinCap_echoed() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(port, null, true)) {
            client.connectToTestNamespace();

            client.send("452-/it,7[\"test:echo\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
            client.sendBinary(new byte[] {1, 2});
            client.sendBinary(new byte[] {3});

            assertThat(client.next())
                    .isEqualTo("462-/it,7[{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        }
    }

    @Test
    void websocket_clientThatStopsReading_disconnectedAsSlowConsumer() throws Exception {
        try (RawWebSocket bystander = RawWebSocket.connect(port, null, true);
             RawWebSocket stalled = RawWebSocket.connect(port, null, false)) {
            bystander.connectToTestNamespace();
            stalled.send("40/it,");

            stalled.send("42/it,[\"test:flood\"]");

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> disconnectReasons.contains("transport error: outbound buffer full"));
            bystander.send("42/it,3[\"test:echo\",\"fine\"]");
            assertThat(bystander.next()).isEqualTo("43/it,3[\"fine\"]");
        }
    }

    private String openPollingSession() throws Exception {
        Matcher matcher = SID.matcher(get("/socket.io/?EIO=4&transport=polling", null).body());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private HttpResponse<String> get(String path, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String sid, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/socket.io/?EIO=4&transport=polling&sid=" + sid))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
