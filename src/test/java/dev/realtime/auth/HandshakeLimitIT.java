package dev.realtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.testing.H2Files;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Handshakes per client address ({@code realtime.limits.handshakes-per-second}, {@code handshake-burst}), with the
 * refill negligible so the counts are exact. Each test is a client of its own: its connections leave from a
 * loopback address of its own (any 127.0.0.x reaches the server on Linux). HTTP is written by hand, so a test sees
 * the status and body of a refused WebSocket upgrade as well.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "realtime.limits.handshakes-per-second=0.0001",
        "realtime.limits.handshake-burst=" + HandshakeLimitIT.BURST})
class HandshakeLimitIT {

    static final int BURST = 3;
    private static final String DATABASE = H2Files.newDatabaseUrl("HandshakeLimitIT");
    private static final String REFUSED = "{\"code\":7,\"message\":\"Too many requests\"}";
    private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)content-length: *(\\d+)");

    /** A response's status line, headers and body. */
    record Response(int status, String head, String body) {
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
    }

    @LocalServerPort
    int port;

    @Test
    void polling_handshakesBeyondTheBurst_429WithAnEngineIoErrorOtherAddressesUnaffected() {
        List<Response> burst = IntStream.range(0, BURST).mapToObj(i -> poll("127.0.0.41", null)).toList();

        Response over = poll("127.0.0.41", null);
        Response otherAddress = poll("127.0.0.42", null);

        assertThat(burst).allSatisfy(response -> assertThat(response.body()).startsWith("0{"));
        assertThat(over.status()).isEqualTo(429);
        assertThat(over.body()).isEqualTo(REFUSED);
        assertThat(over.head()).containsIgnoringCase("retry-after: 1").containsIgnoringCase("application/json");
        assertThat(otherAddress.status()).isEqualTo(200);
    }

    @Test
    void polling_sessionOpenedBeforeTheBudgetRanOut_keepsPolling() {
        Response first = poll("127.0.0.43", null);
        Matcher sid = SID.matcher(first.body());
        assertThat(sid.find()).isTrue();
        IntStream.range(1, BURST).forEach(i -> poll("127.0.0.43", null));
        assertThat(poll("127.0.0.43", null).status()).isEqualTo(429);

        Response connect = post("127.0.0.43", sid.group(1), "40");

        assertThat(connect.status()).as("only handshakes count").isEqualTo(200);
    }

    @Test
    void websocket_upgradesBeyondTheBurst_429InsteadOf101() {
        List<Response> burst = IntStream.range(0, BURST).mapToObj(i -> upgrade("127.0.0.44")).toList();

        Response over = upgrade("127.0.0.44");

        assertThat(burst).extracting(Response::status).containsOnly(101);
        assertThat(over.status()).isEqualTo(429);
        assertThat(over.body()).isEqualTo(REFUSED);
    }

    private Response poll(String from, String sid) {
        return exchange(from, "GET " + path("polling", sid) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close"
                + "\r\n\r\n");
    }

    private Response post(String from, String sid, String body) {
        return exchange(from, "POST " + path("polling", sid) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close"
                + "\r\nContent-Type: text/plain;charset=UTF-8\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
    }

    private Response upgrade(String from) {
        return exchange(from, "GET " + path("websocket", null) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
    }

    private static String path(String transport, String sid) {
        return "/socket.io/?EIO=4&transport=" + transport + (sid == null ? "" : "&sid=" + sid);
    }

    /** One request on a new connection from the address; a 101 is read up to its head, anything else whole. */
    private Response exchange(String from, String request) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port, InetAddress.getByName(from), 0)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            String head = head(in);
            int status = Integer.parseInt(head.substring(9, 12));
            Matcher length = CONTENT_LENGTH.matcher(head);
            String body = status == 101 || !length.find() ? ""
                    : new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
            return new Response(status, head, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
