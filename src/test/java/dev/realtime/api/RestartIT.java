package dev.realtime.api;

import dev.realtime.testing.H2Files;
import static dev.realtime.api.TestUser.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtime.RealtimeApplication;
import dev.realtime.api.ApiClient.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * An acknowledged message is a committed message: the server is stopped while two clients keep sending, a new
 * server starts on the same database, and every message that was answered 201 is there with its seq and text.
 */
class RestartIT {

    private static final int ACKS_BEFORE_STOP = 50;

    @Test
    void restart_h2FileWhileSending_everyAcknowledgedMessageKept() {
        String url = H2Files.newDatabaseUrl("RestartIT");

        assertAcknowledgedMessagesSurviveRestart("--spring.datasource.url=" + url);
    }

    @Test
    void restart_postgresWhileSending_everyAcknowledgedMessageKept() {
        PostgresSchema schema = PostgresSchema.create();
        try {
            assertAcknowledgedMessagesSurviveRestart(
                    "--spring.datasource.url=" + schema.url(),
                    "--spring.datasource.username=" + PostgresSchema.USER,
                    "--spring.datasource.password=",
                    "--spring.flyway.default-schema=" + schema.name(),
                    "--spring.flyway.schemas=" + schema.name());
        } finally {
            schema.drop();
        }
    }

    private void assertAcknowledgedMessagesSurviveRestart(String... database) {
        ConfigurableApplicationContext first = start(database);
        ExecutorService senders = Executors.newFixedThreadPool(2);
        try {
            ApiClient api = new ApiClient(port(first));
            TestUser alice = TestUser.register(api, "alice");
            TestUser bob = TestUser.register(api, "bob");
            String chat = api.post("/api/chats", alice.token(),
                    json("type", "direct", "memberIds", List.of(bob.id()))).text("id");
            List<Response> acknowledged = new CopyOnWriteArrayList<>();
            // One send before the concurrent ones: see ApiContract#warmUp for why the first must not race.
            acknowledged.add(api.post("/api/chats/" + chat + "/messages", alice.token(), json("text", "first")));
            List<CompletableFuture<Void>> loops = List.of(
                    CompletableFuture.runAsync(() -> sendUntilRefused(port(first), alice, chat, acknowledged), senders),
                    CompletableFuture.runAsync(() -> sendUntilRefused(port(first), bob, chat, acknowledged), senders));
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= ACKS_BEFORE_STOP);

            first.close();
            loops.forEach(loop -> assertThat(loop).succeedsWithin(Duration.ofSeconds(90)));
            ConfigurableApplicationContext second = start(database);

            try {
                assertAllKept(new ApiClient(port(second)), alice, bob, chat, acknowledged);
            } finally {
                second.close();
            }
        } finally {
            senders.shutdownNow();
            first.close();
        }
    }

    private static void assertAllKept(ApiClient restarted, TestUser alice, TestUser bob, String chat,
                                      List<Response> acknowledged) {
        List<JsonNode> stored = restarted.history(chat, alice.token());
        Map<String, JsonNode> storedById = stored.stream()
                .collect(Collectors.toMap(m -> m.path("id").asString(), m -> m));
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_STOP).allSatisfy(ack -> {
            assertThat(ack.status()).isEqualTo(201);
            JsonNode kept = storedById.get(ack.text("id"));
            assertThat(kept).as("acknowledged %s", ack).isNotNull();
            assertThat(kept.path("seq").asLong()).isEqualTo(ack.number("seq"));
            assertThat(kept.path("text").asString()).isEqualTo(ack.text("text"));
        });
        assertThat(stored).extracting(m -> m.path("seq").asLong())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, stored.size()).boxed().toList());
        Response next = restarted.post("/api/chats/" + chat + "/messages", bob.token(), json("text", "after"));
        assertThat(next.status()).isEqualTo(201);
        assertThat(next.number("seq")).isEqualTo(stored.size() + 1L);
    }

    /** Sends one message after another until the server stops answering 201. */
    private static void sendUntilRefused(int port, TestUser sender, String chat, List<Response> acknowledged) {
        ApiClient client = new ApiClient(port);
        for (int i = 0; i < 10_000; i++) {
            Response response;
            try {
                response = client.post("/api/chats/" + chat + "/messages", sender.token(),
                        json("text", sender.username() + " #" + i));
            } catch (RuntimeException e) {
                return;
            }
            if (response.status() != 201) {
                return;
            }
            acknowledged.add(response);
        }
    }

    private static ConfigurableApplicationContext start(String... database) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--realtime.jwt.secret=" + TestTokens.SECRET,
                "--realtime.limits.messages-per-second=1000000",
                "--realtime.limits.message-burst=1000000"));
        args.addAll(List.of(database));
        return new SpringApplicationBuilder(RealtimeApplication.class).run(args.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }
}
