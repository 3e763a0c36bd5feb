package dev.realtime.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtime.socketio.SocketIoServer;
import dev.realtime.system.Readiness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The warm-up as a started server runs it: real loopback sockets through the gateway, then nothing left behind. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "realtime.warmup.duration=2s",
        "realtime.warmup.connections=8"})
class WarmUpIT {

    @Autowired
    WarmUp warmUp;

    @Autowired
    Readiness readiness;

    @Autowired
    SocketIoServer io;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @Test
    void warmUp_drivesAcksAndBroadcastsThenReady_leavingNoSocketUserOrMessage() throws Exception {
        WarmUp.Result result = warmUp.done().get(60, TimeUnit.SECONDS);

        assertThat(result.connections()).isGreaterThanOrEqualTo(8);
        assertThat(result.acks()).isPositive();
        assertThat(result.received()).isPositive();
        assertThat(readiness.isReady()).isTrue();
        assertThat(health()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> io.sockets().sockets().isEmpty());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM users").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM messages").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM chats").query(Long.class).single()).isZero();
    }

    private int health() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health")).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
