package dev.realtime.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.testing.RawHttp;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A keep-alive connection keeps being read after a request that waited behind a long poll was answered at once
 * ({@code engineio.netty.NextTurn} says why it would not be). A polling client meets exactly that: its parked poll
 * is answered from another thread, it reuses the connection at once, and that poll finds packets waiting. Seen as a
 * CONNECT or an ack that never arrived, about 1 in 300 polling sockets on a loaded machine.
 */
class KeepAliveIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");
    private static final String POLLING = "/engine.io/?EIO=4&transport=polling";

    private final ConformanceFixture server = new ConformanceFixture(0, Duration.ofSeconds(25),
            Duration.ofSeconds(20));

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void requestHeldBehindALongPoll_answeredAtOnce_nextRequestOnTheConnectionIsStillRead() throws IOException {
        try (RawHttp connection = new RawHttp(server.port(), TIMEOUT);
             RawHttp other = new RawHttp(server.port(), TIMEOUT)) {
            String sid = sid(connection.exchange(RawHttp.get(POLLING)));
            // The poll parks; the handshake right behind it on the same connection is held until the poll ends.
            connection.send(RawHttp.get(POLLING + "&sid=" + sid) + RawHttp.get(POLLING));
            // The echo of this message ends the parked poll from the other connection's thread.
            assertThat(RawHttp.body(other.exchange(RawHttp.post(POLLING + "&sid=" + sid,
                    "text/plain;charset=UTF-8", "4hello")))).isEqualTo("ok");

            assertThat(RawHttp.body(connection.read())).isEqualTo("4hello");
            assertThat(connection.read()).as("the held handshake").contains("\"sid\":");
            String next = connection.exchange(RawHttp.get(POLLING));

            assertThat(next).as("a request after the held one, on the same connection").startsWith("HTTP/1.1 200")
                    .contains("\"sid\":");
        }
    }

    private static String sid(String handshake) {
        Matcher sid = SID.matcher(handshake);
        assertThat(sid.find()).as("sid in %s", handshake).isTrue();
        return sid.group(1);
    }
}
