package dev.realtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtime.cluster.LocalRedis;
import dev.realtime.socketio.SocketIoServer;
import dev.realtime.testing.TcpProxy;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * In redis mode readiness includes the node's own Redis link, and the link's state and traffic are metrics. Redis
 * is reached through a proxy that the test cuts, as a network failure would; liveness does not care.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "realtime.jwt.secret=redis-readiness-it-secret-0123456789-abcdef",
        "realtime.cluster.mode=redis",
        "realtime.cluster.request-timeout=1s"})
@DirtiesContext
class RedisReadinessIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static TcpProxy proxy;

    @LocalManagementPort
    int managementPort;

    @Autowired
    SocketIoServer io;

    @BeforeAll
    static void redis() {
        LocalRedis.require();
        proxy = new TcpProxy(LocalRedis.PORT);
    }

    @AfterAll
    static void closeProxy() {
        if (proxy != null) {
            proxy.close();
        }
    }

    @DynamicPropertySource
    static void redisProperties(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> LocalRedis.HOST);
        registry.add("spring.data.redis.port", () -> proxy.port());
        registry.add("realtime.cluster.prefix", LocalRedis::uniquePrefix);
    }

    @Test
    void readiness_followsTheRedisLink_andTheLinkIsMeasured() {
        eventually().until(() -> readiness().statusCode(), status -> status == 200);
        assertThat(components(readiness())).containsExactlyInAnyOrder("readinessState", "realtime", "db", "redis");
        Scrape before = Scrape.of(managementPort);
        assertThat(before.value("realtime_cluster_redis_connected")).isEqualTo(1);

        io.sockets().to("room-with-nobody").emit("ping-the-cluster");

        eventually().untilAsserted(() -> {
            Scrape after = Scrape.of(managementPort);
            assertThat(moved(before, after, "realtime_cluster_messages_total", "direction", "published"))
                    .isGreaterThanOrEqualTo(1);
            // Its own broadcast comes back on the pattern it subscribes to (and is skipped).
            assertThat(moved(before, after, "realtime_cluster_messages_total", "direction", "received"))
                    .isGreaterThanOrEqualTo(1);
        });

        proxy.down();

        eventually().until(() -> readiness().statusCode(), status -> status == 503);
        assertThat(JSON.readTree(readiness().body()).path("components").path("redis").path("status").asString())
                .isEqualTo("DOWN");
        assertThat(Scrape.get(managementPort, "/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(Scrape.of(managementPort).value("realtime_cluster_redis_connected")).isZero();

        proxy.up();

        eventually().until(() -> readiness().statusCode(), status -> status == 200);
    }

    private HttpResponse<String> readiness() {
        return Scrape.get(managementPort, "/actuator/health/readiness");
    }

    private static Collection<String> components(HttpResponse<String> health) {
        JsonNode body = JSON.readTree(health.body());
        return body.path("components").propertyNames();
    }

    private static double moved(Scrape before, Scrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    private static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100));
    }
}
