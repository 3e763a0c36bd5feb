package dev.realtime.gateway;

import dev.realtime.testing.H2Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one application context of the gateway's feature tests ({@code *GatewayIT}): the chat gateway on "/" as its
 * clients see it, the official Java client over one transport, users, chats and messages made over REST, an H2
 * file database. Every subclass inherits this configuration unchanged and adds none of its own, so Spring's test
 * context cache starts the server once for all of them.
 *
 * <p>Each test registers its own users, so no test hears another's. That an event does not reach a socket is
 * shown by order: after the event that must not arrive, something that must arrive is triggered, and it has to be
 * the first of its kind the socket received.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "realtime.jwt.secret=" + GatewayContext.SECRET,
        "realtime.presence.grace-period=500ms",
        "realtime.typing.timeout=500ms",
        "realtime.limits.messages-per-second=10000",
        "realtime.limits.message-burst=10000",
        "realtime.gateway.catch-up-limit=5"})
abstract class GatewayContext {

    static final String SECRET = "gateway-it-secret-0123456789-abcdefghij";
    private static final String DATABASE = H2Files.newDatabaseUrl("GatewayIT");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
    }

    @LocalServerPort
    int port;

    GatewaySupport api;

    @BeforeEach
    void start() {
        api = new GatewaySupport(port);
    }

    @AfterEach
    void stop() {
        api.close();
    }
}
