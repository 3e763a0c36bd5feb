package dev.realtime.gateway;

import static dev.realtime.gateway.GatewaySupport.eventually;
import static dev.realtime.gateway.GatewaySupport.failure;
import static dev.realtime.gateway.GatewaySupport.object;
import static dev.realtime.gateway.GatewaySupport.result;
import static org.assertj.core.api.Assertions.assertThat;

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
 * {@code realtime.limits.*} of sockets, made small here, with the refill of the event budget negligible so the
 * counts are exact: events per socket (every event name), refusals before a disconnect, connections per user,
 * chats per socket.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "realtime.jwt.secret=" + GatewayContext.SECRET,
        "realtime.limits.events-per-second=0.0001",
        "realtime.limits.events-burst=" + SocketLimitsIT.EVENTS,
        "realtime.limits.events-refused-before-disconnect=" + SocketLimitsIT.REFUSALS,
        "realtime.limits.events-refusal-window=1h",
        "realtime.limits.connections-per-user=2",
        "realtime.limits.chats-per-socket=2"})
class SocketLimitsIT {

    static final int EVENTS = 10;
    static final int REFUSALS = 3;
    private static final String DATABASE = H2Files.newDatabaseUrl("SocketLimitsIT");
    private static final Map<String, Object> RATE_LIMITED = failure("RATE_LIMITED",
            "too many events from this socket, slow down");

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
    void events_overTheBudget_rateLimitedWhateverTheEventThenDisconnectedWithTheReason() {
        User alice = api.register("alice");
        Client socket = api.connected(Transport.WEBSOCKET, alice);

        List<Map<String, Object>> withinBudget = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            withinBudget.add(socket.ack(i % 2 == 0 ? "presence:update" : "no:such-event", object("status", "online")));
        }
        socket.emit("presence:update", object("status", "away"));
        Map<String, Object> exception = GatewaySupport.first(socket, "exception");
        List<Map<String, Object>> refused = new ArrayList<>();
        for (int i = 1; i < REFUSALS; i++) {
            refused.add(socket.ack("presence:update", object("status", "online")));
        }
        Map<String, Object> lastAck = socket.ack("no:such-event", object());
        String reason = result(socket.disconnected());

        assertThat(withinBudget).filteredOn(ack -> Boolean.TRUE.equals(ack.get("ok"))).hasSize(EVENTS / 2);
        assertThat(withinBudget).filteredOn(ack -> Boolean.FALSE.equals(ack.get("ok")))
                .allSatisfy(ack -> assertThat(ack).isEqualTo(failure("NOT_FOUND", "unknown event 'no:such-event'")));
        assertThat(exception).isEqualTo(Map.of("status", "error", "code", "RATE_LIMITED",
                "message", "too many events from this socket, slow down", "event", "presence:update"));
        assertThat(refused).containsOnly(RATE_LIMITED);
        assertThat(lastAck).isEqualTo(RATE_LIMITED);
        assertThat(socket.received(SocketLimits.DISCONNECT)).containsExactly(Map.of("code", "RATE_LIMITED",
                "message", "more than " + REFUSALS + " events refused within 3600s, disconnected"));
        assertThat(reason).isEqualTo("io server disconnect");
    }

    @Test
    void events_budgetPerSocket_anotherSocketOfTheUserUnaffected() {
        User alice = api.register("alice");
        Client spent = api.connected(Transport.WEBSOCKET, alice);
        for (int i = 0; i < EVENTS; i++) {
            spent.ack("presence:update", object("status", "online"));
        }

        Client other = api.connected(Transport.POLLING, alice);

        assertThat(spent.ack("presence:update", object("status", "online"))).isEqualTo(RATE_LIMITED);
        assertThat(other.ack("presence:update", object("status", "online"))).containsEntry("ok", true);
    }

    @Test
    void connect_beyondConnectionsPerUser_connectErrorRateLimitedAndOthersUnaffected() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        Client first = api.connected(Transport.WEBSOCKET, alice);
        api.connected(Transport.POLLING, alice);
        Client third = api.client(Transport.WEBSOCKET, Map.of("token", alice.token()), Map.of());

        third.connect();
        Object error = result(third.connectError());
        Client bobs = api.connected(Transport.WEBSOCKET, bob);

        assertThat(error).isEqualTo(Map.of("message", "too many connections", "data", Map.of("code", "RATE_LIMITED",
                "message", "too many connections of this user (2 on this server), close one first")));
        assertThat(bobs.isConnected()).isTrue();
        assertThat(first.isConnected()).isTrue();
    }

    @Test
    void connect_afterOneOfTheUsersSocketsClosed_acceptedAgain() {
        User alice = api.register("alice");
        Client first = api.connected(Transport.WEBSOCKET, alice);
        api.connected(Transport.WEBSOCKET, alice);

        first.close();

        // The server hears the close a moment later: until then a connect is still one too many.
        Client again = eventually().ignoreExceptions().until(() -> api.connected(Transport.WEBSOCKET, alice),
                Client::isConnected);

        assertThat(again.ack("presence:update", object("status", "online"))).containsEntry("ok", true);
    }

    @Test
    void chatJoin_beyondChatsPerSocket_validationFailedUntilOneIsLeft() {
        User alice = api.register("alice");
        String one = api.group(alice);
        String two = api.group(alice);
        String three = api.group(alice);
        Client socket = GatewaySupport.joined(api.connected(Transport.WEBSOCKET, alice), one, two);

        Map<String, Object> third = socket.ack("chat:join", object("chatId", three));
        Map<String, Object> again = socket.ack("chat:join", object("chatId", two));
        Map<String, Object> left = socket.ack("chat:leave", object("chatId", one));
        Map<String, Object> thirdAfterLeave = socket.ack("chat:join", object("chatId", three));

        assertThat(third).isEqualTo(failure("VALIDATION_FAILED",
                "chatId: this socket is in 2 chats, the most it may join; leave one first"));
        assertThat(again).as("a chat it is in already").containsEntry("ok", true);
        assertThat(left).containsEntry("ok", true);
        assertThat(thirdAfterLeave).containsEntry("ok", true);
        assertThat(api.connected(Transport.POLLING, alice).ack("chat:join", object("chatId", three)))
                .as("another socket has its own count").containsEntry("ok", true);
    }
}
