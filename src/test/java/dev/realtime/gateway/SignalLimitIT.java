package dev.realtime.gateway;

import static dev.realtime.gateway.GatewaySupport.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtime.gateway.GatewaySupport.Client;
import dev.realtime.gateway.GatewaySupport.Transport;
import dev.realtime.gateway.GatewaySupport.User;
import dev.realtime.testing.H2Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One socket flooding typing or presence events reaches the other members a bounded number of times: each socket
 * may send {@code realtime.gateway.signal-burst} of them (the refill is made negligible here, so the count is
 * exact), and a status sent again changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "realtime.jwt.secret=" + GatewayContext.SECRET,
        "realtime.gateway.signals-per-second=0.0001",
        "realtime.gateway.signal-burst=5"})
class SignalLimitIT {

    private static final int FLOOD = 50;
    private static final int BURST = 5;
    private static final String DATABASE = H2Files.newDatabaseUrl("SignalLimitIT");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
    }

    @LocalServerPort
    int port;

    private GatewaySupport api;

    @BeforeEach
    void start() {
        api = new GatewaySupport(port);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void typingFlood_oneSocket_burstBroadcastRestRefused() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        String chat = api.group(alice, bob);
        Client aliceSocket = joined(api.connected(Transport.WEBSOCKET, alice), chat);
        Client bobSocket = joined(api.connected(Transport.WEBSOCKET, bob), chat);

        List<Map<String, Object>> acks = new ArrayList<>();
        for (int i = 0; i < FLOOD; i++) {
            acks.add(aliceSocket.ack("message:typing", object("chatId", chat, "isTyping", i % 2 == 0)));
        }
        assertThat(api.call("POST", "/api/chats/" + chat + "/messages", alice, Map.of("text", "marker")).status())
                .isEqualTo(201);
        await().atMost(GatewaySupport.TIMEOUT).until(() -> !bobSocket.received("message:new").isEmpty());

        assertThat(acks.stream().filter(ack -> Boolean.TRUE.equals(ack.get("ok")))).hasSize(BURST);
        assertThat(acks.subList(BURST, FLOOD)).allSatisfy(ack -> assertThat(errorCode(ack)).isEqualTo("RATE_LIMITED"));
        assertThat(bobSocket.receivedAny("typing:start", "typing:stop")).hasSize(BURST);
    }

    @Test
    void presenceFlood_sameStatus_contactsToldOnceAndRestRefused() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        api.group(alice, bob);
        Client bobSocket = api.connected(Transport.WEBSOCKET, bob);
        Client aliceSocket = api.connected(Transport.WEBSOCKET, alice);
        awaitStatuses(bobSocket, alice, List.of("online"));

        List<Map<String, Object>> acks = new ArrayList<>();
        for (int i = 0; i < FLOOD; i++) {
            acks.add(aliceSocket.ack("presence:update", object("status", "away")));
        }
        awaitStatuses(bobSocket, alice, List.of("online", "away"));
        Client aliceOther = api.connected(Transport.POLLING, alice);
        assertThat(aliceOther.ack("presence:update", object("status", "online"))).containsEntry("ok", true);

        assertThat(acks.subList(0, BURST)).allSatisfy(ack -> assertThat(ack).containsEntry("ok", true));
        assertThat(acks.subList(BURST, FLOOD)).allSatisfy(ack -> assertThat(errorCode(ack)).isEqualTo("RATE_LIMITED"));
        awaitStatuses(bobSocket, alice, List.of("online", "away", "online"));
    }

    private static void awaitStatuses(Client watcher, User user, List<String> statuses) {
        await().atMost(GatewaySupport.TIMEOUT).until(() -> statusesOf(watcher, user), statuses::equals);
    }

    private static List<Object> statusesOf(Client watcher, User user) {
        return watcher.received("presence:online").stream()
                .filter(event -> user.id().equals(event.get("userId")))
                .map(event -> event.get("status"))
                .toList();
    }

    private static Client joined(Client client, String chatId) {
        assertThat(client.ack("chat:join", object("chatId", chatId))).containsEntry("ok", true);
        return client;
    }

    private static Object errorCode(Map<String, Object> ack) {
        assertThat(ack).containsEntry("ok", false);
        return GatewaySupport.map(ack.get("error")).get("code");
    }
}
