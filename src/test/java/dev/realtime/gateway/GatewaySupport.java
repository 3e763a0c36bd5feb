package dev.realtime.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.realtime.testing.OfficialClientJson;
import dev.realtime.testing.RecordingSocket;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.core.ConditionFactory;
import org.json.JSONObject;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drives the chat gateway as a client application does: users and chats over REST, sockets with the official Java
 * client ({@code io.socket:socket.io-client}), one connection per socket, never reconnecting, all closed together.
 * The static helpers are the assertions' vocabulary of the gateway tests (first event of a kind, acks, failures).
 */
final class GatewaySupport implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** The one transport a client may use. */
    enum Transport {
        WEBSOCKET, POLLING;

        String wireName() {
            return name().toLowerCase();
        }
    }

    record User(String id, String username, String token) {
    }

    record Response(int status, Map<String, Object> body) {
    }

    private final URI server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Client> clients = new CopyOnWriteArrayList<>();

    GatewaySupport(int port) {
        this.server = URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        clients.forEach(Client::close);
    }

    /** Registers a new user with a unique username that starts with {@code name}. */
    User register(String name) {
        String username = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        Response response = call("POST", "/api/auth/register", null,
                Map.of("username", username, "password", "secret-password"));
        assertThat(response.status()).as("register %s: %s", username, response.body()).isEqualTo(201);
        return new User((String) map(response.body().get("user")).get("id"), username,
                (String) response.body().get("token"));
    }

    /** Creates a chat as {@code creator} with the given other members and returns it. */
    Map<String, Object> createChat(User creator, String type, User... members) {
        Response response = call("POST", "/api/chats", creator,
                Map.of("type", type, "memberIds", Arrays.stream(members).map(User::id).toList()));
        assertThat(response.status()).as("create chat: %s", response.body()).isIn(200, 201);
        return response.body();
    }

    String group(User creator, User... members) {
        return (String) createChat(creator, "group", members).get("id");
    }

    /** {@code GET /api/presence} for the users, in that order. */
    Response presence(User as, User... users) {
        String ids = String.join(",", Arrays.stream(users).map(User::id).toList());
        return call("GET", "/api/presence?userIds=" + ids, as, null);
    }

    Response call(String method, String path, User as, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .header("Content-Type", "application/json");
        if (as != null) {
            request.header("Authorization", "Bearer " + as.token());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            Map<String, Object> parsed = text.isEmpty() ? Map.of() : map(json.readValue(text, Map.class));
            return new Response(response.statusCode(), parsed);
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** An HS256 token in the server's format, signed with the given secret. */
    static String token(String secret, String subject, Instant issuedAt, Instant expiresAt) {
        return token(secret, "realtime", subject, issuedAt, expiresAt);
    }

    /** An HS256 token with the given issuer, signed with the given secret. */
    static String token(String secret, String issuer, String subject, Instant issuedAt, Instant expiresAt) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).subject(subject)
                .issueTime(Date.from(issuedAt)).expirationTime(Date.from(expiresAt)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalArgumentException(e);
        }
        return jwt.serialize();
    }

    /** A socket of the user, authenticated with {@code auth: {token}}, connected. */
    Client connected(Transport transport, User user) {
        return client(transport, Map.of("token", user.token()), Map.of()).connect().awaitConnected();
    }

    /** A socket that has not connected yet, so listeners can be added first. */
    Client client(Transport transport, Map<String, String> auth, Map<String, String> headers) {
        IO.Options options = new IO.Options();
        options.transports = new String[] {transport.wireName()};
        options.upgrade = false;
        options.forceNew = true;
        options.callFactory = OfficialClientJson.HTTP;
        options.webSocketFactory = OfficialClientJson.HTTP;
        options.reconnection = false;
        options.timeout = TIMEOUT.toMillis();
        options.auth = new HashMap<>(auth);
        options.extraHeaders = new HashMap<>();
        headers.forEach((name, value) -> options.extraHeaders.put(name, List.of(value)));
        Client client = new Client(IO.socket(server, options));
        clients.add(client);
        return client;
    }

    static <T> T result(CompletableFuture<T> future) {
        return OfficialClientJson.result(future, TIMEOUT);
    }

    static JSONObject object(Object... keysAndValues) {
        return OfficialClientJson.object(keysAndValues);
    }

    static Map<String, Object> map(Object value) {
        return OfficialClientJson.map(value);
    }

    /** A marker for presence: the user comes online and goes offline, which the watcher sees after the grace. */
    void goOnlineAndOffline(User user, Client watcher) {
        Client socket = connected(Transport.WEBSOCKET, user);
        eventually().until(() -> watcher.received("presence:online"),
                list -> list.contains(Map.of("userId", user.id(), "status", "online")));
        socket.close();
    }

    static ConditionFactory eventually() {
        return await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(10));
    }

    /** The first event of this name the socket received, once there is one. */
    static Map<String, Object> first(Client client, String event) {
        return eventually().until(() -> client.received(event), list -> !list.isEmpty()).get(0);
    }

    /** The events of this name the socket received, once there are at least {@code count}. */
    static List<Map<String, Object>> received(Client client, String event, int count) {
        return eventually().until(() -> client.received(event), list -> list.size() >= count);
    }

    static Client joined(Client client, String... chatIds) {
        for (String chatId : chatIds) {
            assertThat(client.ack("chat:join", object("chatId", chatId))).containsEntry("ok", true);
        }
        return client;
    }

    /** Sends over the socket and returns the stored message from the ack. */
    static Map<String, Object> send(Client client, String chatId, String text) {
        Map<String, Object> ack = client.ack("message:send", object("chatId", chatId, "text", text));
        assertThat(ack).containsEntry("ok", true);
        return message(ack);
    }

    static List<String> typingEvents(Client client) {
        return client.receivedAny("typing:start", "typing:stop").stream()
                .map(received -> received.event() + " " + received.payload().get("userId")).toList();
    }

    static Map<String, Object> message(Map<String, Object> payload) {
        return map(payload.get("message"));
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> messages(Map<String, Object> ack) {
        return (List<Map<String, Object>>) ack.get("messages");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> items(Response response) {
        assertThat(response.status()).as("GET /api/presence: %s", response.body()).isEqualTo(200);
        return (List<Map<String, Object>>) response.body().get("items");
    }

    /** The ack of an event that failed. */
    static Map<String, Object> failure(String code, String message) {
        return Map.of("ok", false, "error", Map.of("code", code, "message", message));
    }

    /** A socket of the gateway tests: everything it received, in arrival order, and acks awaited for TIMEOUT. */
    static final class Client extends RecordingSocket {

        private Client(Socket socket) {
            super(socket, TIMEOUT);
        }

        @Override
        public Client connect() {
            super.connect();
            return this;
        }

        @Override
        public Client awaitConnected() {
            super.awaitConnected();
            return this;
        }
    }
}
