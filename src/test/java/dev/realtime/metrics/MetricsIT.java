package dev.realtime.metrics;

import static dev.realtime.testing.OfficialClientJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtime.metrics.Traffic.User;
import dev.realtime.testing.RecordingSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code /actuator/prometheus} on the management port shows while the official Java client drives the gateway
 * over both transports: each counter moved by what the clients did, and the gauges follow the connections. Only
 * this test sends events on this context (its own: the limits below are), so the differences are exact.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "realtime.jwt.secret=metrics-it-secret-0123456789-abcdefghij",
        // The official Java client over polling does not always get its close to the server; the server then ends
        // the session at the heartbeat. A short one keeps the wait for the gauges to reach zero short.
        "realtime.socketio.ping-interval=2s",
        "realtime.socketio.ping-timeout=5s",
        // The second typing event of a socket, and the second login of a username, are refused with RATE_LIMITED.
        "realtime.gateway.signals-per-second=0.001",
        "realtime.gateway.signal-burst=1",
        "realtime.limits.login-attempts-per-second=0.001",
        "realtime.limits.login-attempt-burst=1"})
class MetricsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    Traffic traffic;

    @BeforeEach
    void start() {
        traffic = new Traffic(port);
    }

    @AfterEach
    void stop() {
        traffic.close();
    }

    @Test
    void prometheus_clientsOverBothTransports_countersMoveByWhatTheyDid() {
        User alice = traffic.register("alice");
        User bob = traffic.register("bob");
        String chat = traffic.group(alice, bob);
        eventually().until(() -> Scrape.of(managementPort).value("realtime_sockets"), sockets -> sockets == 0);
        Scrape before = Scrape.of(managementPort);

        RecordingSocket overWebSocket = traffic.connected("websocket", alice);
        RecordingSocket overPolling = traffic.connected("polling", bob);
        assertThat(overWebSocket.ack("chat:join", object("chatId", chat))).containsEntry("ok", true);
        assertThat(overPolling.ack("chat:join", object("chatId", chat))).containsEntry("ok", true);
        assertThat(overWebSocket.ack("message:send", object("chatId", chat, "text", "hello")))
                .containsEntry("ok", true);
        assertThat(overWebSocket.ack("no:such:event", object())).containsEntry("ok", false);
        assertThat(overWebSocket.ack("message:typing", object("chatId", chat, "isTyping", true)))
                .containsEntry("ok", true);
        assertThat(overWebSocket.ack("message:typing", object("chatId", chat, "isTyping", true)))
                .containsEntry("ok", false);
        assertThat(traffic.login("nobody-" + chat, "wrong")).isEqualTo(401);
        assertThat(traffic.login("nobody-" + chat, "wrong")).isEqualTo(429);

        eventually().untilAsserted(() -> {
            Scrape after = Scrape.of(managementPort);
            assertThat(after.value("realtime_connections", "transport", "websocket")).isEqualTo(1);
            assertThat(after.value("realtime_connections", "transport", "polling")).isEqualTo(1);
            assertThat(after.value("realtime_sockets")).isEqualTo(2);
            // Each user's own room, and the chat's.
            assertThat(after.value("realtime_rooms")).isEqualTo(3);
            assertThat(moved(before, after, "realtime_events_received_total", "event", "chat:join")).isEqualTo(2);
            assertThat(moved(before, after, "realtime_events_received_total", "event", "message:send")).isEqualTo(1);
            assertThat(moved(before, after, "realtime_events_received_total", "event", "message:typing"))
                    .isEqualTo(2);
            assertThat(moved(before, after, "realtime_events_received_total", "event", "other")).isEqualTo(1);
            assertThat(after.has("realtime_events_received_total", "event", "no:such:event")).isFalse();
            assertThat(moved(before, after, "realtime_acks_total", "code", "OK")).isEqualTo(4);
            assertThat(moved(before, after, "realtime_acks_total", "code", "NOT_FOUND")).isEqualTo(1);
            assertThat(moved(before, after, "realtime_acks_total", "code", "RATE_LIMITED")).isEqualTo(1);
            assertThat(moved(before, after, "realtime_rate_limited_total", "edge", "socket")).isEqualTo(1);
            assertThat(moved(before, after, "realtime_rate_limited_total", "edge", "rest")).isEqualTo(1);
            // To both sockets in the chat's room.
            assertThat(moved(before, after, "realtime_events_sent_total", "event", "message:new")).isEqualTo(2);
            assertThat(moved(before, after, "realtime_persistence_batch_size_count")).isEqualTo(1);
            assertThat(moved(before, after, "realtime_persistence_batch_size_sum")).isEqualTo(1);
            assertThat(moved(before, after, "realtime_persistence_batch_seconds_count", "outcome", "stored"))
                    .isEqualTo(1);
            assertThat(moved(before, after, "realtime_persistence_batch_seconds_count", "outcome", "failed")).isZero();
            assertThat(moved(before, after, "realtime_broadcast_recipients_sum")).isGreaterThanOrEqualTo(2);
            assertThat(moved(before, after, "realtime_broadcast_delivery_seconds_count"))
                    .isEqualTo(moved(before, after, "realtime_broadcast_recipients_count")).isPositive();
            assertThat(after.has("realtime_broadcast_delivery_seconds_bucket")).isTrue();
        });

        overWebSocket.close();
        overPolling.close();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            Scrape after = Scrape.of(managementPort);
            assertThat(after.value("realtime_connections")).isZero();
            assertThat(after.value("realtime_sockets")).isZero();
            assertThat(after.value("realtime_rooms")).isZero();
        });
    }

    @Test
    void actuator_onlyOnTheManagementPort_withoutToken() {
        assertThat(Scrape.get(port, "/actuator/prometheus").statusCode()).isEqualTo(404);
        assertThat(Scrape.get(port, "/actuator/health").statusCode()).isEqualTo(404);
        assertThat(Scrape.get(port, "/actuator").statusCode()).isEqualTo(404);

        assertThat(Scrape.get(managementPort, "/actuator/prometheus").statusCode()).isEqualTo(200);
        assertThat(Scrape.get(managementPort, "/actuator/health").statusCode()).isEqualTo(200);
        assertThat(Scrape.get(managementPort, "/actuator/health", "Authorization", "Bearer not-a-token").statusCode())
                .isEqualTo(200);
        assertThat(Scrape.get(managementPort, "/api/health").statusCode()).isEqualTo(404);
        assertThat(Scrape.get(managementPort, "/").statusCode()).isEqualTo(404);
    }

    @Test
    void health_readinessIsWarmUpDatabaseAndBoot_livenessTheProcessOnly() {
        HttpResponse<String> readiness = Scrape.get(managementPort, "/actuator/health/readiness");
        HttpResponse<String> liveness = Scrape.get(managementPort, "/actuator/health/liveness");

        assertThat(readiness.statusCode()).isEqualTo(200);
        JsonNode ready = JSON.readTree(readiness.body());
        assertThat(ready.path("status").asString()).isEqualTo("UP");
        assertThat(ready.path("components").propertyNames()).containsExactlyInAnyOrder("readinessState", "realtime",
                "db");
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(liveness.body()).path("components").propertyNames())
                .containsExactly("livenessState");
    }

    private static double moved(Scrape before, Scrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    private static ConditionFactory eventually() {
        return await().atMost(Traffic.TIMEOUT).pollInterval(Duration.ofMillis(50));
    }
}
