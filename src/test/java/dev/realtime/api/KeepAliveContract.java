package dev.realtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.testing.RawHttp;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A keep-alive connection keeps being read after a request that waited behind a slower one was answered at once:
 * see {@code engineio.netty.NextTurn} for the Reactor Netty defect this guards against on the REST side.
 */
interface KeepAliveContract extends ApiFixture {

    @Test
    default void requestHeldBehindASlowOne_answeredAtOnce_nextRequestOnTheConnectionIsStillRead() throws IOException {
        try (RawHttp connection = new RawHttp(port(), Duration.ofSeconds(10))) {
            // A login is slow (a database read, a password hash off the event loop); the health check behind it on
            // the same connection is held until it has ended, then answered within its own dispatch.
            connection.send(RawHttp.post("/api/auth/login", "application/json",
                    "{\"username\":\"nobody_" + TestUser.unique() + "\",\"password\":\"wrong-password\"}")
                    + RawHttp.get("/api/health"));
            assertThat(connection.read()).startsWith("HTTP/1.1 401");
            assertThat(connection.read()).startsWith("HTTP/1.1 200");

            String next = connection.exchange(RawHttp.get("/api/health"));

            assertThat(next).as("a request after the held one, on the same connection").startsWith("HTTP/1.1 200");
        }
    }
}
