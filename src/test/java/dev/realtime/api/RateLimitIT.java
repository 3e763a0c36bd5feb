package dev.realtime.api;

import dev.realtime.testing.H2Files;
import static dev.realtime.api.TestUser.json;
import static dev.realtime.api.TestUser.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.api.ApiClient.Response;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * 429 RATE_LIMITED: message sends per user beyond the burst (here 3, refilling too slowly to matter) and rapid
 * login attempts per username. The limiters live in memory, so one database (H2) is enough.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "realtime.jwt.secret=" + TestTokens.SECRET,
        "realtime.limits.messages-per-second=0.001",
        "realtime.limits.message-burst=3"})
@DirtiesContext
class RateLimitIT {

    private static final String URL = H2Files.newDatabaseUrl("RateLimitIT");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> URL);
    }

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void send_beyondBurst_rateLimitedForThatUserOnly() {
        TestUser alice = TestUser.register(api, "alice");
        TestUser bob = TestUser.register(api, "bob");
        String chat = api.post("/api/chats", alice.token(), json("type", "direct", "memberIds", List.of(bob.id())))
                .text("id");
        String messages = "/api/chats/" + chat + "/messages";

        List<Response> burst = IntStream.range(0, 3)
                .mapToObj(i -> api.post(messages, alice.token(), json("text", "m" + i))).toList();
        Response over = api.post(messages, alice.token(), json("text", "one too many"));
        Response other = api.post(messages, bob.token(), json("text", "bob has his own budget"));

        assertThat(burst).extracting(Response::status).containsOnly(201);
        assertThat(over.status()).isEqualTo(429);
        assertThat(over.errorCode()).isEqualTo("RATE_LIMITED");
        assertThat(over.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(other.status()).isEqualTo(201);
        Response history = api.get(messages, bob.token());
        assertThat(history.body().path("items")).hasSize(4);
    }

    @Test
    void login_eleventhRapidAttempt_rateLimited() {
        String username = "target_" + unique();

        List<Response> attempts = IntStream.range(0, 10).mapToObj(i -> api.post("/api/auth/login", null,
                json("username", username, "password", "guess-" + i))).toList();
        Response eleventh = api.post("/api/auth/login", null, json("username", username.toUpperCase(), "password",
                "guess-10"));

        assertThat(attempts).extracting(Response::status).containsOnly(401);
        assertThat(eleventh.status()).isEqualTo(429);
        assertThat(eleventh.errorCode()).isEqualTo("RATE_LIMITED");
    }
}
