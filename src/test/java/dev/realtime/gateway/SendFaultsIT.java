package dev.realtime.gateway;

import static dev.realtime.gateway.GatewaySupport.map;
import static dev.realtime.gateway.GatewaySupport.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtime.gateway.GatewaySupport.Client;
import dev.realtime.gateway.GatewaySupport.Transport;
import dev.realtime.gateway.GatewaySupport.User;
import dev.realtime.messages.SendQueues;
import dev.realtime.testing.DatabaseFaults;
import dev.realtime.testing.DatabaseFaults.CommitFault;
import dev.realtime.testing.H2Files;
import dev.realtime.testing.OfficialClientJson;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * message:send when the commit's outcome is unknown to the server: the connection fails while committing, after
 * or before the database applied it. The ack tells the truth (ok only if stored), every stored message is broadcast
 * exactly once, and a retry with the same clientMessageId answers the stored message; for a batch of sends stored in
 * one transaction, all of them alike. That a message is not broadcast twice is shown by a marker message sent after
 * it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "realtime.jwt.secret=" + GatewayContext.SECRET,
        "realtime.persistence.outage-backoff=50ms"})
@Import(DatabaseFaults.class)
class SendFaultsIT {

    private static final String DATABASE = H2Files.newDatabaseUrl("SendFaultsIT");
    private static final Duration LATE_CHECK = Duration.ofSeconds(30);
    private static final int BATCH = 4;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
    }

    @LocalServerPort
    int port;

    @Autowired
    DatabaseFaults faults;

    @Autowired
    ApplicationContext context;

    private GatewaySupport api;
    private User alice;
    private String chat;
    private Client aliceSocket;
    private Client bobSocket;

    @BeforeEach
    void start() {
        api = new GatewaySupport(port);
        alice = api.register("alice");
        User bob = api.register("bob");
        chat = api.group(alice, bob);
        aliceSocket = joined(api.connected(Transport.WEBSOCKET, alice));
        bobSocket = joined(api.connected(Transport.WEBSOCKET, bob));
    }

    @AfterEach
    void stop() {
        faults.failNextMessageCommit(CommitFault.NONE);
        faults.acceptConnections();
        api.close();
    }

    @Test
    void send_commitFailsAfterApplied_ackedOkBroadcastOnceAndRetryAnswersIt() {
        faults.failNextMessageCommit(CommitFault.FAIL_AFTER_APPLYING);

        Map<String, Object> ack = send("stored despite the error", "c-1");
        Map<String, Object> retry = send("stored despite the error", "c-1");
        send("marker", "c-2");

        assertThat(ack).containsEntry("ok", true);
        assertThat(map(ack.get("message"))).containsEntry("seq", 1).containsEntry("text", "stored despite the error");
        assertThat(map(retry.get("message"))).containsEntry("id", map(ack.get("message")).get("id"));
        assertThat(textsBobReceives(2)).containsExactly("stored despite the error", "marker");
        assertThat(historyTexts()).containsExactly("stored despite the error", "marker");
    }

    @Test
    void send_commitFailsNotApplied_serviceUnavailableNothingStoredAndRetryStores() {
        faults.failNextMessageCommit(CommitFault.FAIL_WITHOUT_APPLYING);

        Map<String, Object> ack = send("lost in the error", "c-1");
        List<String> storedAfterFailure = historyTexts();
        Map<String, Object> retry = send("lost in the error", "c-1");

        assertThat(errorCode(ack)).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(storedAfterFailure).isEmpty();
        assertThat(map(retry.get("message"))).containsEntry("seq", 1);
        assertThat(textsBobReceives(1)).containsExactly("lost in the error");
    }

    @Test
    void send_commitFailsOnALiveConnection_rolledBackSoTheErrorAckIsTrue() {
        faults.failNextMessageCommit(CommitFault.FAIL_LEAVING_OPEN);

        Map<String, Object> ack = send("refused at commit", "c-1");
        List<String> storedAfterFailure = historyTexts();
        Map<String, Object> retry = send("refused at commit", "c-1");

        assertThat(errorCode(ack)).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(storedAfterFailure).isEmpty();
        assertThat(map(retry.get("message"))).containsEntry("seq", 1);
        assertThat(textsBobReceives(1)).containsExactly("refused at commit");
    }

    @Test
    void send_commitFailsAfterAppliedAndDatabaseGone_unavailableThenBroadcastOnceWhenBack() {
        faults.failNextMessageCommitThenRefuseConnections(CommitFault.FAIL_AFTER_APPLYING);

        Map<String, Object> ack = send("outcome unknown", "c-1");
        List<Map<String, Object>> receivedWhileDown = List.copyOf(bobSocket.received("message:new"));
        faults.acceptConnections();

        assertThat(errorCode(ack)).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(receivedWhileDown).isEmpty();
        await().atMost(LATE_CHECK).until(() -> !bobSocket.received("message:new").isEmpty());
        Map<String, Object> retry = send("outcome unknown", "c-1");
        send("marker", "c-2");
        assertThat(map(retry.get("message"))).containsEntry("seq", 1).containsEntry("text", "outcome unknown");
        assertThat(textsBobReceives(2)).containsExactly("outcome unknown", "marker");
    }

    @Test
    void send_batchOfSeveralWhoseCommitFailsNotApplied_noneAckedOkAndNoneStored() throws Exception {
        List<Map<String, Object>> acks = sentAsOneBatch(CommitFault.FAIL_WITHOUT_APPLYING, BATCH);

        send("marker", "c-2");

        assertThat(acks).allSatisfy(ack -> assertThat(errorCode(ack)).isEqualTo("SERVICE_UNAVAILABLE"));
        assertThat(historyTexts()).containsExactly("before the batch", "marker");
        assertThat(textsBobReceives(2)).containsExactly("before the batch", "marker");
    }

    @Test
    void send_batchOfSeveralWhoseCommitFailsAfterApplied_allAckedOkEachBroadcastOnce() throws Exception {
        List<Map<String, Object>> acks = sentAsOneBatch(CommitFault.FAIL_AFTER_APPLYING, BATCH);

        send("marker", "c-2");

        assertThat(acks).allSatisfy(ack -> assertThat(ack).containsEntry("ok", true));
        assertThat(acks).extracting(ack -> map(ack.get("message")).get("seq")).containsExactlyInAnyOrder(2, 3, 4, 5);
        await().atMost(GatewaySupport.TIMEOUT).until(() -> bobSocket.received("message:new").size() >= BATCH + 2);
        assertThat(bobSocket.received("message:new")).extracting(event -> map(event.get("message")).get("seq"))
                .containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(historyTexts()).hasSize(BATCH + 2).containsAll(acks.stream()
                .map(ack -> (String) map(ack.get("message")).get("text")).toList());
    }

    /**
     * Sends {@code count} messages from sockets of their own so that they are written as one batch, whose commit
     * then fails with {@code fault}. While the test holds the chat's row lock, the chat's writer waits on it with a
     * batch of one send that stores nothing (a retry of a stored message); the others queue behind it, and once all
     * of them wait the lock is let go: they are the writer's next batch.
     */
    private List<Map<String, Object>> sentAsOneBatch(CommitFault fault, int count) throws SQLException {
        send("before the batch", "c-1");
        List<Client> senders = IntStream.range(0, count).mapToObj(i -> api.connected(Transport.WEBSOCKET, alice))
                .toList();
        List<CompletableFuture<Object[]>> answers;
        CompletableFuture<Object[]> retry;
        try (Connection holder = DriverManager.getConnection(DATABASE, "sa", "")) {
            holder.setAutoCommit(false);
            lockChat(holder);
            retry = aliceSocket.ackAsync("message:send", sendPayload("before the batch", "c-1"));
            await().atMost(GatewaySupport.TIMEOUT).until(() -> sessionsWaitingForALock(holder) == 1);
            answers = IntStream.range(0, count).mapToObj(i -> senders.get(i).ackAsync("message:send",
                    sendPayload("batched " + i, "b-" + i))).toList();
            await().atMost(GatewaySupport.TIMEOUT).until(() -> SendQueues.waiting(context, chat) == count + 1);
            faults.failNextMessageCommit(fault);
            holder.rollback();
        }
        assertThat(ackOf(retry)).containsEntry("ok", true);
        return answers.stream().map(SendFaultsIT::ackOf).toList();
    }

    private void lockChat(Connection holder) throws SQLException {
        try (PreparedStatement lock = holder.prepareStatement("SELECT last_seq FROM chats WHERE id = ? FOR UPDATE")) {
            lock.setString(1, chat);
            lock.executeQuery().close();
        }
    }

    private static int sessionsWaitingForALock(Connection connection) throws SQLException {
        try (ResultSet rows = connection.createStatement().executeQuery(
                "SELECT COUNT(*) FROM information_schema.sessions WHERE blocker_id IS NOT NULL")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static Map<String, Object> ackOf(CompletableFuture<Object[]> answer) {
        Object[] reply = OfficialClientJson.result(answer, GatewaySupport.TIMEOUT);
        return OfficialClientJson.map(OfficialClientJson.plain(reply[0]));
    }

    private Map<String, Object> send(String text, String clientMessageId) {
        return aliceSocket.ack("message:send", sendPayload(text, clientMessageId));
    }

    private JSONObject sendPayload(String text, String clientMessageId) {
        return object("chatId", chat, "text", text, "clientMessageId", clientMessageId);
    }

    private List<Object> textsBobReceives(int atLeast) {
        await().atMost(GatewaySupport.TIMEOUT).until(() -> bobSocket.received("message:new").size() >= atLeast);
        return bobSocket.received("message:new").stream().map(event -> map(event.get("message")).get("text"))
                .toList();
    }

    private List<String> historyTexts() {
        GatewaySupport.Response page = api.call("GET", "/api/chats/" + chat + "/messages", alice, null);
        assertThat(page.status()).isEqualTo(200);
        return ((List<?>) page.body().get("items")).stream().map(item -> (String) map(item).get("text")).toList();
    }

    private Client joined(Client client) {
        assertThat(client.ack("chat:join", object("chatId", chat))).containsEntry("ok", true);
        return client;
    }

    private static Object errorCode(Map<String, Object> ack) {
        assertThat(ack).containsEntry("ok", false);
        return map(ack.get("error")).get("code");
    }
}
