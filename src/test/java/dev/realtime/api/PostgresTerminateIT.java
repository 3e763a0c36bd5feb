package dev.realtime.api;

import static dev.realtime.api.TestUser.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtime.api.ApiClient.Response;
import dev.realtime.messages.MessageEvents.MessageCreated;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The server's PostgreSQL connections are terminated over and over ({@code pg_terminate_backend}) while clients
 * send, retrying each message with its clientMessageId until it is acknowledged, as the README tells clients to.
 * No answer is a 500; each message is stored once, with seqs 1..N; and {@code message.created} (what
 * {@code message:new} is made from) is published exactly once for every stored message, including those whose
 * commit broke after PostgreSQL applied it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "realtime.jwt.secret=" + TestTokens.SECRET,
        // The pool, and the transaction manager whose rollback after a failed commit finds the connection gone,
        // report each connection this test breaks with a stack trace: expected here, asserted through the API.
        "logging.level.com.zaxxer.hikari.pool=ERROR",
        "logging.level.org.springframework.jdbc.support.JdbcTransactionManager=OFF",
        "realtime.limits.messages-per-second=1000000",
        "realtime.limits.message-burst=1000000",
        "realtime.persistence.outage-backoff=20ms"})
@Import(DomainEventRecorder.class)
@DirtiesContext
class PostgresTerminateIT {

    private static final String APPLICATION = "rt-terminate-" + UUID.randomUUID().toString().substring(0, 8);
    private static final int SENDERS = 4;
    private static final int MESSAGES_EACH = 40;
    private static final int MAX_TRIES = 200;

    private static PostgresSchema schema;

    @LocalServerPort
    int port;

    @Autowired
    DomainEventRecorder recorder;

    @BeforeAll
    static void createSchema() {
        schema = PostgresSchema.create();
    }

    @AfterAll
    static void dropSchema() {
        if (schema != null) {
            schema.drop();
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        schema.register(registry, () -> schema.url());
        registry.add("spring.datasource.hikari.data-source-properties.ApplicationName", () -> APPLICATION);
    }

    @Test
    void send_connectionsTerminatedMeanwhile_eachStoredOnceAndPublishedOnce() throws Exception {
        ApiClient api = new ApiClient(port);
        TestUser alice = TestUser.register(api, "alice");
        TestUser bob = TestUser.register(api, "bob");
        String chat = api.post("/api/chats", alice.token(), json("type", "direct", "memberIds", List.of(bob.id())))
                .text("id");
        Map<String, Response> acknowledged = new ConcurrentHashMap<>();
        // One send before the concurrent ones: see ApiContract#warmUp for why the first must not race.
        acknowledged.put("warm-up", api.post("/api/chats/" + chat + "/messages", alice.token(),
                json("text", "warm-up", "clientMessageId", "warm-up")));
        Set<Integer> statuses = ConcurrentHashMap.newKeySet();
        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicInteger terminated = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(SENDERS + 1);
        try {
            CompletableFuture<Void> killer = CompletableFuture.runAsync(() -> terminateWhile(sending, terminated),
                    threads);
            List<CompletableFuture<Void>> senders = IntStream.range(0, SENDERS)
                    .mapToObj(n -> CompletableFuture.runAsync(() -> sendAll(api, n % 2 == 0 ? alice : bob, chat, n,
                            acknowledged, statuses), threads))
                    .toList();
            CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).get();
            sending.set(false);
            killer.get();
        } finally {
            threads.shutdownNow();
        }

        // A pooled connection terminated just before the sends stopped fails its next use: 503, then fine.
        await().atMost(Duration.ofSeconds(10)).until(
                () -> api.get("/api/chats/" + chat + "/messages?limit=1", alice.token()).status() != 503);
        List<JsonNode> stored = api.history(chat, alice.token());
        Set<String> storedIds = stored.stream().map(m -> m.path("id").asString()).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(60)).until(() -> publishedIds(chat).size() >= storedIds.size());

        assertThat(terminated).as("backends terminated").hasPositiveValue();
        assertThat(statuses).as("every answer").isSubsetOf(200, 201, 503);
        assertThat(acknowledged).hasSize(SENDERS * MESSAGES_EACH + 1);
        assertThat(stored).extracting(m -> m.path("seq").asLong())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, stored.size()).boxed().toList());
        assertThat(stored).extracting(m -> m.path("clientMessageId").asString())
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(acknowledged.keySet());
        acknowledged.values().forEach(ack -> assertThat(storedIds).contains(ack.text("id")));
        assertThat(publishedIds(chat)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(storedIds);
    }

    private List<String> publishedIds(String chat) {
        return recorder.of(MessageCreated.class, event -> event.message().chatId().equals(chat)).stream()
                .map(event -> event.message().id()).toList();
    }

    /** Sends each message until it is acknowledged, always with the same clientMessageId. */
    private static void sendAll(ApiClient api, TestUser sender, String chat, int senderNumber,
                                Map<String, Response> acknowledged, Set<Integer> statuses) {
        for (int i = 0; i < MESSAGES_EACH; i++) {
            String clientMessageId = "s" + senderNumber + "-" + i;
            for (int attempt = 1; attempt <= MAX_TRIES; attempt++) {
                Response response = api.post("/api/chats/" + chat + "/messages", sender.token(),
                        json("text", clientMessageId, "clientMessageId", clientMessageId));
                statuses.add(response.status());
                if (response.status() == 201 || response.status() == 200) {
                    acknowledged.put(clientMessageId, response);
                    break;
                }
                if (response.status() != 503) {
                    return;
                }
            }
        }
    }

    private static void terminateWhile(AtomicBoolean sending, AtomicInteger terminated) {
        try (Connection connection = DriverManager.getConnection(PostgresSchema.SERVER_URL, PostgresSchema.USER, "");
             Statement statement = connection.createStatement()) {
            while (sending.get()) {
                try (ResultSet killed = statement.executeQuery("SELECT pg_terminate_backend(pid) FROM "
                        + "pg_stat_activity WHERE application_name = '" + APPLICATION + "'")) {
                    while (killed.next()) {
                        terminated.addAndGet(killed.getBoolean(1) ? 1 : 0);
                    }
                }
                Thread.sleep(15);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
