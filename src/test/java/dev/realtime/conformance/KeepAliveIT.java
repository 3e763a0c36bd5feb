package dev.realtime.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A keep-alive connection keeps being read after a request that waited behind a long poll was answered at once.
 * Reactor Netty (1.3.6) holds a request that arrives before the previous one on its connection has ended, and
 * when the held request then ends within its own dispatch, nothing asks the connection for more: the next request
 * on it is never read (reactor-netty#4347, #4361). A polling client hits exactly that: its parked poll is answered
 * from another thread, it reuses the connection at once, and that poll finds packets waiting. Seen as an ack or a
 * CONNECT that never arrived, about 1 in 300 polling sockets on a loaded machine.
 */
class KeepAliveIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");

    private final ConformanceFixture server = new ConformanceFixture(0, Duration.ofSeconds(25),
            Duration.ofSeconds(20));

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void requestHeldBehindALongPoll_answeredAtOnce_nextRequestOnTheConnectionIsStillRead() throws IOException {
        try (Socket connection = connect(); Socket other = connect()) {
            String sid = sid(exchange(connection, get("")));
            // The poll parks; the handshake right behind it on the same connection is held until the poll ends.
            send(connection, get("&sid=" + sid) + get(""));
            // The echo of this message ends the parked poll from the other connection's thread.
            assertThat(body(exchange(other, post(sid, "4hello")))).isEqualTo("ok");

            assertThat(body(read(connection))).isEqualTo("4hello");
            assertThat(read(connection)).as("the held handshake").contains("\"sid\":");
            String next = exchange(connection, get(""));

            assertThat(next).as("a request after the held one, on the same connection").startsWith("HTTP/1.1 200")
                    .contains("\"sid\":");
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        return socket;
    }

    private static String get(String query) {
        return "GET /engine.io/?EIO=4&transport=polling" + query + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    }

    private static String post(String sid, String payload) {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        return "POST /engine.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: text/plain;charset=UTF-8\r\nContent-Length: " + body.length + "\r\n\r\n" + payload;
    }

    private static String exchange(Socket connection, String request) throws IOException {
        send(connection, request);
        return read(connection);
    }

    private static void send(Socket connection, String requests) throws IOException {
        OutputStream out = connection.getOutputStream();
        out.write(requests.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** One HTTP response with a Content-Length body; a read that times out fails the test (the socket's timeout). */
    private static String read(Socket connection) throws IOException {
        InputStream in = connection.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + head);
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(headers);
        assertThat(length.find()).as("Content-Length in %s", headers).isTrue();
        byte[] body = in.readNBytes(Integer.parseInt(length.group(1)));
        return headers + new String(body, StandardCharsets.UTF_8);
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    private static String sid(String handshake) {
        Matcher sid = SID.matcher(handshake);
        assertThat(sid.find()).as("sid in %s", handshake).isTrue();
        return sid.group(1);
    }
}
