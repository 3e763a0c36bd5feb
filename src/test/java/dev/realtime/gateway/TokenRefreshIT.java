package dev.realtime.gateway;

import static dev.realtime.gateway.GatewaySupport.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.realtime.gateway.GatewaySupport.Client;
import dev.realtime.gateway.GatewaySupport.Transport;
import dev.realtime.gateway.GatewaySupport.User;
import dev.realtime.testing.H2Files;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A socket lives as long as its token: told {@code auth:expired} and disconnected by the server when it expires,
 * unless it sent a fresher token of its own user with {@code auth:refresh} before. Tokens live a few seconds here;
 * the tests wait for outcomes (the expiry a socket was told, its disconnect), never for a duration.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "realtime.jwt.secret=" + TokenRefreshIT.SECRET)
class TokenRefreshIT {

    static final String SECRET = "token-refresh-it-secret-0123456789-abcdef";
    private static final Duration SHORT = Duration.ofSeconds(3);
    private static final Duration EXPIRY_WAIT = Duration.ofSeconds(30);
    private static final String DATABASE = H2Files.newDatabaseUrl("TokenRefreshIT");
    /** The external identity provider's key pair: the server knows its public half. */
    private static final KeyPair PROVIDER = rsaKeyPair();
    private static final Path PROVIDER_PUBLIC_KEY = providerPublicKey();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location",
                () -> PROVIDER_PUBLIC_KEY.toUri().toString());
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
    void expiry_noRefresh_toldWhyThenDisconnectedByServer() {
        User alice = api.register("alice");
        Instant expiresAt = soon();
        Client socket = connected(token(alice.id(), expiresAt));

        awaitDisconnected(socket);

        assertThat(socket.received(SocketTokens.EXPIRED)).containsExactly(Map.of("code", "UNAUTHORIZED",
                "message", "token expired", "expiredAt", expiresAt.toString()));
        assertThat(socket.isConnected()).isFalse();
    }

    @Test
    void connect_tokenExpiredWithinDecodersClockSkew_connectErrorUnauthorized() {
        User alice = api.register("alice");
        Client late = api.client(Transport.WEBSOCKET, Map.of("token", token(alice.id(), Instant.now().minusSeconds(5))),
                Map.of());

        late.connect();

        assertThat(GatewaySupport.result(late.connectError())).isEqualTo(Map.of("message", "unauthorized"));
    }

    @Test
    void refresh_tokenExpiredWithinDecodersClockSkew_unauthorized() {
        User alice = api.register("alice");
        Client socket = api.connected(Transport.WEBSOCKET, alice);

        Map<String, Object> ack = socket.ack("auth:refresh",
                object("token", token(alice.id(), Instant.now().minusSeconds(5))));

        assertThat(errorCode(ack)).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void refresh_longerTokenBeforeExpiry_ackedAndStillConnectedPastOldExpiry() {
        User alice = api.register("alice");
        Instant oldExpiry = soon();
        Client socket = connected(token(alice.id(), oldExpiry));

        Map<String, Object> ack = socket.ack("auth:refresh", object("token", alice.token()));
        await().atMost(EXPIRY_WAIT).until(() -> Instant.now().isAfter(oldExpiry.plusSeconds(1)));

        assertThat(ack).containsEntry("ok", true).containsOnlyKeys("ok", "expiresAt");
        assertThat(Instant.parse((String) ack.get("expiresAt"))).isAfter(Instant.now().plus(Duration.ofHours(1)));
        assertThat(socket.ack("presence:update", object("status", "online"))).containsEntry("ok", true);
        assertThat(socket.isConnected()).isTrue();
        assertThat(socket.received(SocketTokens.EXPIRED)).isEmpty();
    }

    @Test
    void refresh_shortTokenBeforeExpiry_socketEndsAtTheNewExpiryNotTheOld() {
        User alice = api.register("alice");
        Instant oldExpiry = soon();
        Instant newExpiry = oldExpiry.plus(SHORT);
        Client socket = connected(token(alice.id(), oldExpiry));

        Map<String, Object> ack = socket.ack("auth:refresh", object("token", token(alice.id(), newExpiry)));
        awaitDisconnected(socket);

        assertThat(ack).isEqualTo(Map.of("ok", true, "expiresAt", newExpiry.toString()));
        assertThat(socket.received(SocketTokens.EXPIRED)).singleElement()
                .satisfies(expired -> assertThat(expired).containsEntry("expiredAt", newExpiry.toString()));
    }

    @Test
    void refresh_tokenWithoutExpiry_socketNoLongerExpires() {
        User alice = api.register("alice");
        Instant oldExpiry = soon();
        Client socket = connected(token(alice.id(), oldExpiry));

        Map<String, Object> ack = socket.ack("auth:refresh", object("token", token(alice.id(), null)));
        await().atMost(EXPIRY_WAIT).until(() -> Instant.now().isAfter(oldExpiry.plusSeconds(1)));

        assertThat(ack).containsEntry("ok", true).containsEntry("expiresAt", null);
        assertThat(socket.ack("presence:update", object("status", "online"))).containsEntry("ok", true);
        assertThat(socket.received(SocketTokens.EXPIRED)).isEmpty();
    }

    @Test
    void refresh_invalidTokens_unauthorizedAndSocketStaysConnected() {
        User alice = api.register("alice");
        Client socket = api.connected(Transport.WEBSOCKET, alice);
        Instant now = Instant.now();

        List<Map<String, Object>> acks = List.of(
                socket.ack("auth:refresh", object("token", "not-a-jwt")),
                socket.ack("auth:refresh", object("token", GatewaySupport.token(
                        "someone-elses-secret-0123456789abcdefghij", alice.id(), now, now.plusSeconds(3600)))),
                socket.ack("auth:refresh", object("token", token(alice.id(), now.minus(Duration.ofHours(1))))));

        assertThat(acks).allSatisfy(ack -> assertThat(errorCode(ack)).isEqualTo("UNAUTHORIZED"));
        assertThat(socket.ack("presence:update", object("status", "online"))).containsEntry("ok", true);
    }

    @Test
    void refresh_anotherUsersToken_forbiddenAndSocketKeepsItsUser() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        Client socket = api.connected(Transport.WEBSOCKET, alice);
        String alicesChat = api.group(alice);

        Map<String, Object> ack = socket.ack("auth:refresh", object("token", bob.token()));

        assertThat(errorCode(ack)).isEqualTo("FORBIDDEN");
        assertThat(socket.ack("chat:join", object("chatId", alicesChat))).containsEntry("ok", true);
    }

    @Test
    void refresh_missingOrIllTypedToken_validationFailedAndSocketStaysConnected() {
        User alice = api.register("alice");
        Client socket = api.connected(Transport.POLLING, alice);

        List<Map<String, Object>> acks = List.of(
                socket.ack("auth:refresh", object()),
                socket.ack("auth:refresh", object("token", 42)),
                socket.ack("auth:refresh", object("token", "")),
                socket.ack("auth:refresh", "a token, not an object"));

        assertThat(acks).allSatisfy(ack -> assertThat(errorCode(ack)).isEqualTo("VALIDATION_FAILED"));
        assertThat(socket.ack("presence:update", object("status", "online"))).containsEntry("ok", true);
    }

    @Test
    void refresh_failed_socketKeepsItsOldExpiry() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        Instant expiresAt = soon();
        Client socket = connected(token(alice.id(), expiresAt));

        Map<String, Object> ack = socket.ack("auth:refresh", object("token", bob.token()));
        awaitDisconnected(socket);

        assertThat(errorCode(ack)).isEqualTo("FORBIDDEN");
        assertThat(socket.received(SocketTokens.EXPIRED)).singleElement()
                .satisfies(expired -> assertThat(expired).containsEntry("expiredAt", expiresAt.toString()));
    }

    @Test
    void expiry_externalProviderToken_toldWhyThenDisconnected() {
        String subject = "provider-user-" + UUID.randomUUID();
        Instant expiresAt = soon();
        Client socket = connected(providerToken(subject, expiresAt));

        awaitDisconnected(socket);

        assertThat(socket.received(SocketTokens.EXPIRED)).singleElement()
                .satisfies(expired -> assertThat(expired).containsEntry("expiredAt", expiresAt.toString()));
    }

    /** A few seconds ahead, whole seconds as a JWT's {@code exp} holds it. */
    private static Instant soon() {
        return Instant.now().plus(SHORT).truncatedTo(ChronoUnit.SECONDS);
    }

    private Client connected(String token) {
        return api.client(Transport.WEBSOCKET, Map.of("token", token), Map.of()).connect().awaitConnected();
    }

    private static void awaitDisconnected(Client socket) {
        await().atMost(EXPIRY_WAIT).until(() -> socket.disconnected().isDone());
        assertThat(socket.disconnected().join()).isEqualTo("io server disconnect");
    }

    private static Object errorCode(Map<String, Object> ack) {
        assertThat(ack).containsEntry("ok", false);
        return GatewaySupport.map(ack.get("error")).get("code");
    }

    /** One of the server's own tokens; without {@code exp} when {@code expiresAt} is null. */
    private static String token(String subject, Instant expiresAt) {
        try {
            return sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)), JWSAlgorithm.HS256,
                    claims(subject, expiresAt).issuer("realtime").build());
        } catch (JOSEException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String providerToken(String subject, Instant expiresAt) {
        try {
            return sign(new RSASSASigner(PROVIDER.getPrivate()), JWSAlgorithm.RS256,
                    claims(subject, expiresAt).issuer("https://id.example.test").build());
        } catch (JOSEException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JWTClaimsSet.Builder claims(String subject, Instant expiresAt) {
        return new JWTClaimsSet.Builder().subject(subject).issueTime(Date.from(Instant.now().minusSeconds(60)))
                .expirationTime(expiresAt == null ? null : Date.from(expiresAt));
    }

    private static String sign(JWSSigner signer, JWSAlgorithm algorithm, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path providerPublicKey() {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(PROVIDER.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        try {
            Path file = Files.createTempFile("token-refresh-it-provider", ".pem");
            file.toFile().deleteOnExit();
            return Files.writeString(file, pem);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
