package dev.realtime.api;

import dev.realtime.testing.H2Files;
import static dev.realtime.api.TestUser.PASSWORD;
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
 * Failed password attempts (login and register, each a BCrypt hash) are limited per client address, here to a
 * burst of 20 that refills too slowly to matter, and logins per username per address, to the default 10; successes
 * spend nothing. The client address is the connection's: each test connects from loopback addresses of its own
 * (127.0.0.x), so tests share no budget.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "realtime.jwt.secret=" + TestTokens.SECRET,
        "realtime.limits.auth-failures-per-second=0.001",
        "realtime.limits.auth-failure-burst=20"})
@DirtiesContext
class AuthLimitIT {

    private static final String URL = H2Files.newDatabaseUrl("AuthLimitIT");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> URL);
    }

    @LocalServerPort
    int port;

    private AddressedClient client;

    @BeforeEach
    void client() {
        client = new AddressedClient(port);
    }

    @Test
    void login_distinctUsernamesBeyondBurstFromOneAddress_rateLimitedForThatAddressOnly() {
        String attacker = "127.0.0.11";

        List<Response> burst = IntStream.range(0, 20).mapToObj(i -> client.post(attacker, "/api/auth/login",
                json("username", "nobody_" + unique(), "password", PASSWORD))).toList();
        Response login = client.post(attacker, "/api/auth/login", json("username", "nobody_" + unique(),
                "password", PASSWORD));
        Response register = client.post(attacker, "/api/auth/register", json("username", "new_" + unique(),
                "password", PASSWORD));
        Response elsewhere = client.post("127.0.0.12", "/api/auth/register", json("username", "new_" + unique(),
                "password", PASSWORD));

        assertThat(burst).extracting(Response::status).containsOnly(401);
        assertThat(List.of(login, register)).allSatisfy(refused -> {
            assertThat(refused.status()).as("%s", refused).isEqualTo(429);
            assertThat(refused.errorCode()).isEqualTo("RATE_LIMITED");
        });
        assertThat(elsewhere.status()).as("%s", elsewhere).isEqualTo(201);
    }

    @Test
    void auth_successesBeyondBurstFromOneAddress_neverLimited() {
        String office = "127.0.0.41";

        List<Response> registered = IntStream.range(0, 25).mapToObj(i -> client.post(office, "/api/auth/register",
                json("username", "colleague" + i + "_" + unique(), "password", PASSWORD))).toList();
        Response login = client.post(office, "/api/auth/login", json("username",
                registered.get(0).body().path("user").path("username").asString(), "password", PASSWORD));

        assertThat(registered).extracting(Response::status).containsOnly(201);
        assertThat(login.status()).as("%s", login).isEqualTo(200);
    }

    @Test
    void auth_differentXForwardedForEachTime_stillLimitedByConnectionAddress() {
        String attacker = "127.0.0.21";

        List<Response> attempts = IntStream.range(0, 21).mapToObj(i -> client.post(attacker, "/api/auth/login",
                json("username", "nobody_" + unique(), "password", PASSWORD), "X-Forwarded-For", "198.51.100." + i,
                "Forwarded", "for=203.0.113." + i)).toList();

        assertThat(attempts.subList(0, 20)).extracting(Response::status).containsOnly(401);
        assertThat(attempts.get(20).status()).as("%s", attempts.get(20)).isEqualTo(429);
    }

    @Test
    void login_strangersWrongPasswordsFromAnotherAddress_ownerStillLogsIn() {
        String owner = "127.0.0.31";
        String stranger = "127.0.0.32";
        String username = "owner_" + unique();
        assertThat(client.post(owner, "/api/auth/register", json("username", username, "password", PASSWORD))
                .status()).isEqualTo(201);

        List<Response> guesses = IntStream.range(0, 10).mapToObj(i -> client.post(stranger, "/api/auth/login",
                json("username", username, "password", "guess-" + i))).toList();
        Response eleventhGuess = client.post(stranger, "/api/auth/login",
                json("username", username.toUpperCase(), "password", PASSWORD));
        Response ownerLogin = client.post(owner, "/api/auth/login", json("username", username, "password", PASSWORD));

        assertThat(guesses).extracting(Response::status).containsOnly(401);
        assertThat(eleventhGuess.status()).as("%s", eleventhGuess).isEqualTo(429);
        assertThat(eleventhGuess.errorCode()).isEqualTo("RATE_LIMITED");
        assertThat(ownerLogin.status()).as("%s", ownerLogin).isEqualTo(200);
        assertThat(ownerLogin.body().path("token").asString()).isNotBlank();
    }
}
