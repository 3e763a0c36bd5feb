package dev.realtime.api;

import static dev.realtime.api.TestUser.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtime.testing.OfficialClientJson;
import dev.realtime.testing.RedisServerProcess;
import dev.realtime.testing.TcpProxy;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A node is stopped with SIGTERM under a client that keeps sending, behind a load balancer in front of two nodes:
 * the official Java client, with its default reconnection, ends up on the other node by itself, and every message
 * it had acknowledged is stored once, in order, with nothing it sent lost.
 */
class DrainIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final int BEFORE_STOP = 20;
    private static final int AFTER_STOP = 20;

    private static RedisServerProcess redis;
    private static PostgresSchema schema;
    private static ServerProcess first;
    private static ServerProcess second;

    @BeforeAll
    static void startNodes() {
        redis = RedisServerProcess.start();
        schema = PostgresSchema.create();
        String prefix = "drain-it-" + TestUser.unique();
        first = node("drain-first", prefix);
        second = node("drain-second", prefix);
    }

    @AfterAll
    static void stopNodes() {
        for (ServerProcess node : new ServerProcess[] {first, second}) {
            if (node != null) {
                node.close();
            }
        }
        if (redis != null) {
            redis.close();
        }
        if (schema != null) {
            schema.drop();
        }
    }

    @Test
    void sigterm_clientReconnectsToOtherNodeByItself_everyAckedMessageStoredOnceInOrder() {
        ApiClient api = new ApiClient(second.port());
        TestUser alice = TestUser.register(api, "drain");
        TestUser bob = TestUser.register(api, "drain");
        String chat = api.post("/api/chats", alice.token(), json("type", "group", "title", "drain",
                "memberIds", List.of(bob.id()))).text("id");

        try (TcpProxy balancer = new TcpProxy(List.of(first.port(), second.port()));
             Sender sender = new Sender(balancer.port(), alice, chat)) {
            sender.start();
            assertThat(balancer.forwardedTo(first.port())).as("the first connection goes to the first node").isOne();
            await().atMost(TIMEOUT).until(() -> sender.acked.size() >= BEFORE_STOP);

            int exit = first.terminate(Duration.ofSeconds(40));
            int ackedWhenStopped = sender.acked.size();
            await().atMost(TIMEOUT).until(() -> sender.acked.size() >= ackedWhenStopped + AFTER_STOP);
            sender.finish();

            assertThat(exit).as("exit code after SIGTERM").isEqualTo(143);
            assertThat(first.logText()).contains("draining: ").contains("drained in ")
                    .doesNotContain("drain cut short");
            assertThat(sender.connects.get()).as("connected, then reconnected by itself").isGreaterThanOrEqualTo(2);
            assertThat(balancer.forwardedTo(second.port())).as("reconnected to the second node").isPositive();
            List<String> ackedTexts = sender.acked.stream().map(message -> message.optString("text")).toList();
            List<JsonNode> history = api.history(chat, alice.token());
            assertThat(history.stream().map(message -> message.path("text").asString()).toList())
                    .as("stored, in order, once each").isEqualTo(ackedTexts);
            assertThat(history.stream().map(message -> message.path("id").asString()).toList())
                    .isEqualTo(sender.acked.stream().map(message -> message.optString("id")).toList());
        }
    }

    private static ServerProcess node(String name, String prefix) {
        return ServerProcess.start(name, List.of(
                "--realtime.jwt.secret=" + TestTokens.SECRET,
                "--realtime.cluster.mode=redis",
                "--realtime.cluster.prefix=" + prefix,
                "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=" + redis.port(),
                "--realtime.presence.grace-period=1s",
                "--spring.datasource.url=" + schema.url(),
                "--spring.datasource.username=" + PostgresSchema.USER,
                "--spring.datasource.password=",
                "--spring.flyway.default-schema=" + schema.name(),
                "--spring.flyway.schemas=" + schema.name()));
    }

    /**
     * The official client as an app would use it: reconnection on (its default), one message at a time, each with a
     * clientMessageId, sent again with the same id when refused or left unanswered, and the next one once acked.
     */
    private static final class Sender implements AutoCloseable {

        private static final long RESEND_AFTER_MILLIS = 3000;

        final Queue<JSONObject> acked = new ConcurrentLinkedQueue<>();
        final AtomicInteger connects = new AtomicInteger();
        private final Socket socket;
        private final String chat;
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        private final CompletableFuture<Void> connected = new CompletableFuture<>();
        private final CompletableFuture<Void> finished = new CompletableFuture<>();
        private int next;
        private int attempt;
        private boolean finishing;

        Sender(int port, TestUser user, String chat) {
            this.chat = chat;
            IO.Options options = OfficialSockets.options(user, true);
            socket = IO.socket(URI.create("http://127.0.0.1:" + port), options);
            socket.on(Socket.EVENT_CONNECT, args -> {
                connects.incrementAndGet();
                connected.complete(null);
            });
        }

        void start() {
            socket.connect();
            OfficialClientJson.result(connected, TIMEOUT);
            timer.execute(this::send);
        }

        /**
         * Sends nothing new, and returns once the message in flight is acked: that one may already be stored, so the
         * history can only be compared with the acks once its ack is in (it is resent until then, as before).
         */
        void finish() {
            timer.execute(() -> finishing = true);
            OfficialClientJson.result(finished, TIMEOUT);
        }

        // On the timer's thread only: one message in flight, the attempt number tells a stale answer from a live one.
        private void send() {
            int sending = ++attempt;
            String id = "drain-" + next;
            socket.emit("message:send", new Object[] {OfficialClientJson.object("chatId", chat, "text", id,
                    "clientMessageId", id)}, reply -> timer.execute(() -> answered(sending, (JSONObject) reply[0])));
            timer.schedule(() -> {
                if (attempt == sending) {
                    send();
                }
            }, RESEND_AFTER_MILLIS, TimeUnit.MILLISECONDS);
        }

        private void answered(int attemptAnswered, JSONObject ack) {
            if (attemptAnswered != attempt) {
                return;
            }
            if (ack.optBoolean("ok")) {
                acked.add(ack.optJSONObject("message"));
                next++;
                if (finishing) {
                    attempt++; // the resend timer of the acked message then does nothing
                    finished.complete(null);
                } else {
                    send();
                }
            } else {
                // SERVICE_UNAVAILABLE from the draining node: the same id again, on whichever node comes next.
                attempt++;
                timer.schedule(this::send, 200, TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public void close() {
            timer.shutdownNow();
            socket.close();
        }
    }
}
