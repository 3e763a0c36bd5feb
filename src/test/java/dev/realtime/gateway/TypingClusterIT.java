package dev.realtime.gateway;

import static dev.realtime.gateway.GatewaySupport.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtime.RealtimeApplication;
import dev.realtime.cluster.LocalRedis;
import dev.realtime.gateway.GatewaySupport.Client;
import dev.realtime.gateway.GatewaySupport.Transport;
import dev.realtime.gateway.GatewaySupport.User;
import dev.realtime.testing.H2Files;
import dev.realtime.testing.RecordingSocket;
import java.time.Duration;
import java.util.List;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Typing between two whole servers in redis mode on one database: alice types on node A, bob listens on node B.
 * Both nodes sweep, so a stop heard once shows that exactly one node published the expiry.
 */
class TypingClusterIT {

    private static final String PREFIX = LocalRedis.uniquePrefix();
    private static final String DATABASE = H2Files.newDatabaseUrl("TypingClusterIT");
    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;
    private GatewaySupport apiA;
    private GatewaySupport apiB;

    /** One pair of servers for the class: each test registers users of its own, so no test hears another's. */
    @BeforeAll
    static void startNodes() {
        LocalRedis.require();
        nodeA = node();
        nodeB = node();
    }

    @AfterAll
    static void stopNodes() {
        if (nodeA != null) {
            nodeA.close();
        }
        if (nodeB != null) {
            nodeB.close();
        }
    }

    @BeforeEach
    void connect() {
        apiA = new GatewaySupport(port(nodeA));
        apiB = new GatewaySupport(port(nodeB));
    }

    @AfterEach
    void disconnect() {
        apiA.close();
        apiB.close();
    }

    @Test
    void typingStart_onNodeA_notRefreshed_listenerOnNodeBHearsStartThenOneStop() {
        User alice = apiA.register("alice");
        User bob = apiA.register("bob");
        String chat = apiA.group(alice, bob);
        Client aliceOnA = joined(apiA.connected(Transport.WEBSOCKET, alice), chat);
        Client bobOnB = joined(apiB.connected(Transport.WEBSOCKET, bob), chat);

        aliceOnA.ack("message:typing", object("chatId", chat, "isTyping", true));
        eventually().until(() -> typingEvents(bobOnB).size() == 2);
        // Only a start that is new is broadcast: this one reaching bob shows the expiry had ended the first.
        aliceOnA.ack("message:typing", object("chatId", chat, "isTyping", true));
        eventually().until(() -> typingEvents(bobOnB).size() == 3);

        assertThat(typingEvents(bobOnB)).containsExactly("typing:start", "typing:stop", "typing:start");
    }

    @Test
    void typingStart_onNodeA_stoppedFromNodeB_oneStop() {
        User alice = apiA.register("alice");
        User bob = apiA.register("bob");
        String chat = apiA.group(alice, bob);
        Client aliceOnA = joined(apiA.connected(Transport.WEBSOCKET, alice), chat);
        Client aliceOnB = joined(apiB.connected(Transport.WEBSOCKET, alice), chat);
        Client bobOnB = joined(apiB.connected(Transport.WEBSOCKET, bob), chat);

        aliceOnA.ack("message:typing", object("chatId", chat, "isTyping", true));
        aliceOnB.ack("message:typing", object("chatId", chat, "isTyping", true));
        aliceOnB.ack("message:typing", object("chatId", chat, "isTyping", false));
        aliceOnA.ack("message:typing", object("chatId", chat, "isTyping", false));
        aliceOnA.ack("message:typing", object("chatId", chat, "isTyping", true));
        eventually().until(() -> typingEvents(bobOnB).size() == 3);

        assertThat(typingEvents(bobOnB)).containsExactly("typing:start", "typing:stop", "typing:start");
    }

    private static ConfigurableApplicationContext node() {
        // As arguments: they must win over application.yml, which default properties would not.
        return new SpringApplicationBuilder(RealtimeApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + DATABASE,
                "--realtime.jwt.secret=" + GatewayContext.SECRET,
                "--realtime.cluster.mode=redis",
                "--realtime.cluster.prefix=" + PREFIX,
                "--spring.data.redis.host=" + LocalRedis.HOST,
                "--spring.data.redis.port=" + LocalRedis.PORT,
                "--realtime.typing.timeout=1s");
    }

    private static int port(ConfigurableApplicationContext node) {
        return node.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    private static Client joined(Client client, String chatId) {
        assertThat(client.ack("chat:join", object("chatId", chatId))).containsEntry("ok", true);
        return client;
    }

    private static List<String> typingEvents(Client client) {
        return client.receivedAny("typing:start", "typing:stop").stream().map(RecordingSocket.Received::event).toList();
    }

    private static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20));
    }
}
