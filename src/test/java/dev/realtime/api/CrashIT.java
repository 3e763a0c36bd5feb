package dev.realtime.api;

import dev.realtime.testing.H2Files;
import static dev.realtime.api.TestUser.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtime.api.AckedSenders.Acked;
import dev.realtime.api.ApiClient.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An acknowledged message survives {@code kill -9} of the server. The packaged jar runs as a child process; five
 * clients (three over REST, two over Socket.IO) send to one chat with acks; the process is killed with SIGKILL
 * while they send and started again on the same database, three times. After each restart every acknowledged
 * message is stored with its seq and text, the seqs run 1..N without a gap, and the next message gets N+1: no
 * seq of an acknowledged message is given out twice.
 */
class CrashIT {

    private static final int KILLS = 3;
    private static final int ACKS_BEFORE_KILL = 100;

    @Test
    void killDuringAckedSends_h2File_everyAcknowledgedMessageKeptAndNoSeqReused() {
        String url = H2Files.newDatabaseUrl("CrashIT");

        assertAcknowledgedMessagesSurviveKills("h2", List.of("--spring.datasource.url=" + url));
    }

    @Test
    void killDuringAckedSends_postgres_everyAcknowledgedMessageKeptAndNoSeqReused() {
        PostgresSchema schema = PostgresSchema.create();
        try {
            assertAcknowledgedMessagesSurviveKills("postgres", List.of(
                    "--spring.datasource.url=" + schema.url(),
                    "--spring.datasource.username=" + PostgresSchema.USER,
                    "--spring.datasource.password=",
                    "--spring.flyway.default-schema=" + schema.name(),
                    "--spring.flyway.schemas=" + schema.name()));
        } finally {
            schema.drop();
        }
    }

    private static void assertAcknowledgedMessagesSurviveKills(String name, List<String> database) {
        List<String> arguments = Stream.concat(Stream.of(
                "--realtime.jwt.secret=" + TestTokens.SECRET,
                "--realtime.limits.messages-per-second=1000000",
                "--realtime.limits.message-burst=1000000"), database.stream()).toList();
        ServerProcess server = ServerProcess.start(name + "-start", arguments);
        try {
            ApiClient api = new ApiClient(server.port());
            List<TestUser> users = Stream.of("ann", "bob", "cid", "dee", "eve")
                    .map(prefix -> TestUser.register(api, prefix)).toList();
            String chat = api.post("/api/chats", users.get(0).token(), json("type", "group", "title", "crash",
                    "memberIds", users.stream().skip(1).map(TestUser::id).toList())).text("id");
            List<Acked> acknowledged = new ArrayList<>();

            for (int kill = 1; kill <= KILLS; kill++) {
                acknowledged.addAll(sendUntilKilled(server, chat, "kill " + kill, users));
                server = ServerProcess.start(name + "-restart-" + kill, arguments);

                acknowledged.add(assertAllKept(new ApiClient(server.port()), users.get(0), chat, acknowledged,
                        server));
            }
        } finally {
            server.close();
        }
    }

    /** Kills the server once the clients have had {@link #ACKS_BEFORE_KILL} acks, while they go on sending. */
    private static List<Acked> sendUntilKilled(ServerProcess server, String chat, String label, List<TestUser> users) {
        try (AckedSenders senders = AckedSenders.start(server.port(), chat, label, users.subList(0, 3),
                users.subList(3, 5))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> senders.count() >= ACKS_BEFORE_KILL);

            server.kill();

            senders.awaitStopped();
            return senders.acked();
        }
    }

    /** Asserts what the class promises and returns the acknowledged message sent after the restart. */
    private static Acked assertAllKept(ApiClient restarted, TestUser reader, String chat, List<Acked> acknowledged,
                                       ServerProcess server) {
        Map<Long, JsonNode> stored = restarted.history(chat, reader.token()).stream()
                .collect(Collectors.toMap(m -> m.path("seq").asLong(), Function.identity()));
        List<Long> lost = acknowledged.stream().filter(ack -> !keptAsAcknowledged(stored.get(ack.seq()), ack))
                .map(Acked::seq).sorted().toList();
        assertThat(lost).as("seqs of acknowledged messages lost after kill -9 (%d of %d acknowledged, %d stored; "
                + "server log %s)", lost.size(), acknowledged.size(), stored.size(), server.log()).isEmpty();
        assertThat(stored.keySet()).as("stored seqs")
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, stored.size()).boxed().toList());

        Response next = restarted.post("/api/chats/" + chat + "/messages", reader.token(), json("text", "after"));

        assertThat(next.status()).as("send after restart: %s", next).isEqualTo(201);
        assertThat(next.number("seq")).as("seq after restart").isEqualTo(stored.size() + 1L);
        return new Acked(next.text("id"), next.number("seq"), next.text("text"));
    }

    private static boolean keptAsAcknowledged(JsonNode stored, Acked ack) {
        return stored != null && stored.path("id").asString().equals(ack.id())
                && stored.path("text").asString().equals(ack.text());
    }
}
