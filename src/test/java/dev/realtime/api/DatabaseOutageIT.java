package dev.realtime.api;

import static dev.realtime.api.TestUser.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtime.api.ApiClient.Response;
import dev.realtime.testing.OfficialClientJson;
import dev.realtime.testing.RecordingSocket;
import dev.realtime.testing.TcpProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * PostgreSQL goes away (reached through a proxy that cuts its connections and refuses new ones) and comes back.
 * Meanwhile every request is answered at once with 503 SERVICE_UNAVAILABLE, never a 500 or a hang, even many sends
 * to one chat; afterwards the server works again by itself and holds exactly what it acknowledged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "realtime.jwt.secret=" + TestTokens.SECRET,
        // The pool reports each connection these tests break with a stack trace: expected here, and asserted
        // through the API's answers instead.
        "logging.level.com.zaxxer.hikari.pool=ERROR",
        "realtime.limits.messages-per-second=1000000",
        "realtime.limits.message-burst=1000000",
        "spring.datasource.hikari.connection-timeout=1000",
        "realtime.persistence.outage-backoff=500ms"})
@DirtiesContext
class DatabaseOutageIT {

    /** Long enough for the pool's 1 s wait a few times over; the bug was a 30 s wait per request and 40 s queues. */
    private static final Duration ANSWERED_WITHIN = Duration.ofSeconds(15);
    private static final int CONCURRENT_SENDS = 40;

    private static PostgresSchema schema;
    private static TcpProxy proxy;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @BeforeAll
    static void createSchema() {
        schema = PostgresSchema.create();
        proxy = new TcpProxy(5432);
    }

    @AfterAll
    static void dropSchema() {
        if (proxy != null) {
            proxy.close();
        }
        if (schema != null) {
            schema.drop();
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        schema.register(registry, () -> schema.url(proxy.port()));
    }

    @Test
    void databaseDown_requestsAnsweredUnavailableAtOnce_thenRecoversWithNothingLost() {
        ApiClient api = new ApiClient(port);
        TestUser alice = TestUser.register(api, "alice");
        TestUser bob = TestUser.register(api, "bob");
        String chat = api.post("/api/chats", alice.token(), json("type", "direct", "memberIds", List.of(bob.id())))
                .text("id");
        List<Response> acknowledged = new ArrayList<>();
        acknowledged.add(api.post("/api/chats/" + chat + "/messages", alice.token(), json("text", "before")));

        proxy.down();
        List<CompletableFuture<Response>> sends = IntStream.range(0, CONCURRENT_SENDS)
                .mapToObj(i -> api.sendAsync("POST", "/api/chats/" + chat + "/messages",
                        (i % 2 == 0 ? alice : bob).token(), json("text", "during " + i)))
                .toList();
        await().atMost(ANSWERED_WITHIN).until(() -> sends.stream().allMatch(CompletableFuture::isDone));
        Response list = api.get("/api/chats", alice.token());
        Response login = api.post("/api/auth/login", null, json("username", alice.username(),
                "password", TestUser.PASSWORD));

        assertThat(sends).allSatisfy(send -> assertUnavailable(send.join()));
        assertUnavailable(list);
        assertUnavailable(login);

        proxy.up();
        Response after = await().atMost(ANSWERED_WITHIN).until(
                () -> api.post("/api/chats/" + chat + "/messages", bob.token(), json("text", "after")),
                response -> response.status() == 201);
        acknowledged.add(after);
        assertThat(acknowledged).allSatisfy(ack -> assertThat(ack.status()).isEqualTo(201));
        JsonNode stored = api.get("/api/chats/" + chat + "/messages?limit=200", alice.token()).body().path("items");
        List<String> texts = new ArrayList<>();
        stored.forEach(message -> texts.add(message.path("text").asString()));
        List<Long> seqs = new ArrayList<>();
        stored.forEach(message -> seqs.add(message.path("seq").asLong()));
        assertThat(texts).containsExactly("before", "after");
        assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(1, 2).boxed().toList());
    }

    @Test
    void databaseDown_socketSendAnsweredUnavailable_sameIdAfterwardsStoredOnce() {
        ApiClient api = new ApiClient(port);
        TestUser alice = TestUser.register(api, "alice");
        TestUser bob = TestUser.register(api, "bob");
        String chat = api.post("/api/chats", alice.token(), json("type", "direct", "memberIds", List.of(bob.id())))
                .text("id");
        RecordingSocket socket = OfficialSockets.connected(port, alice);
        try {
            assertThat(send(socket, chat, "before")).containsEntry("ok", true);

            proxy.down();
            Map<String, Object> during = send(socket, chat, "during");

            assertThat(during).containsEntry("ok", false);
            assertThat(OfficialClientJson.map(during.get("error"))).containsEntry("code", "SERVICE_UNAVAILABLE");
            assertThat(socket.isConnected()).as("the socket stays connected through the outage").isTrue();
            ApiClient management = new ApiClient(managementPort);
            assertThat(management.get("/actuator/health/readiness", null).status()).as("not ready").isEqualTo(503);
            assertThat(management.get("/actuator/health/liveness", null).status()).as("still alive").isEqualTo(200);

            proxy.up();
            Map<String, Object> retried = await().atMost(ANSWERED_WITHIN)
                    .until(() -> send(socket, chat, "during"), ack -> Boolean.TRUE.equals(ack.get("ok")));
            Map<String, Object> again = send(socket, chat, "during");
            await().atMost(ANSWERED_WITHIN).until(
                    () -> management.get("/actuator/health/readiness", null).status(), status -> status == 200);

            assertThat(OfficialClientJson.map(again.get("message")).get("id"))
                    .isEqualTo(OfficialClientJson.map(retried.get("message")).get("id"));
            List<String> texts = new ArrayList<>();
            api.history(chat, alice.token()).forEach(message -> texts.add(message.path("text").asString()));
            assertThat(texts).containsExactly("before", "during");
        } finally {
            socket.close();
        }
    }

    /** A message:send whose clientMessageId is its text, so sending the same text again is a retry. */
    private static Map<String, Object> send(RecordingSocket socket, String chat, String text) {
        return socket.ack("message:send", OfficialClientJson.object("chatId", chat, "text", text,
                "clientMessageId", text));
    }

    private static void assertUnavailable(Response response) {
        assertThat(response.status()).as("%s", response).isEqualTo(503);
        assertThat(response.errorCode()).isEqualTo("SERVICE_UNAVAILABLE");
    }
}
