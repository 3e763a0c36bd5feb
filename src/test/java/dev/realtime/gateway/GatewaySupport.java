package dev.realtime.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.realtime.testing.OfficialClientJson;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.json.JSONArray;
import org.json.JSONObject;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drives the chat gateway as a client application does: users and chats over REST, sockets with the official Java
 * client ({@code io.socket:socket.io-client}), one connection per socket, never reconnecting, all closed together.
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

    /** One event a socket received: its name and its arguments (org.json values as plain Java ones). */
    record Received(String event, List<Object> args) {

        Map<String, Object> payload() {
            return map(args.get(0));
        }
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
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("realtime").subject(subject)
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

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    /** org.json values as plain Java ones (JSONObject as Map, JSONArray as List, JSONObject.NULL as null). */
    static Object plain(Object value) {
        if (value instanceof JSONObject object) {
            Map<String, Object> map = new HashMap<>();
            Iterator<?> keys = object.keys();
            while (keys.hasNext()) {
                String key = (String) keys.next();
                map.put(key, plain(object.opt(key)));
            }
            return map;
        }
        if (value instanceof JSONArray array) {
            List<Object> list = new ArrayList<>(array.length());
            for (int i = 0; i < array.length(); i++) {
                list.add(plain(array.opt(i)));
            }
            return list;
        }
        return JSONObject.NULL.equals(value) ? null : value;
    }

    /** One socket and everything it received, in arrival order. */
    static final class Client {

        private final Socket socket;
        private final List<Received> incoming = new CopyOnWriteArrayList<>();
        private final CompletableFuture<Void> connected = new CompletableFuture<>();
        private final CompletableFuture<Object> connectError = new CompletableFuture<>();
        private final CompletableFuture<String> disconnected = new CompletableFuture<>();

        private Client(Socket socket) {
            this.socket = socket;
            socket.onAnyIncoming(args -> incoming.add(new Received((String) args[0],
                    Arrays.stream(args, 1, args.length).map(GatewaySupport::plain).toList())));
            socket.on(Socket.EVENT_CONNECT, args -> connected.complete(null));
            socket.on(Socket.EVENT_CONNECT_ERROR, args -> {
                Object error = args.length > 0 ? plain(args[0]) : null;
                connectError.complete(error);
                connected.completeExceptionally(new IllegalStateException("connect_error " + error));
            });
            socket.on(Socket.EVENT_DISCONNECT, args -> disconnected.complete(String.valueOf(args[0])));
        }

        Client connect() {
            socket.connect();
            return this;
        }

        Client awaitConnected() {
            result(connected);
            return this;
        }

        CompletableFuture<Object> connectError() {
            return connectError;
        }

        boolean isConnected() {
            return socket.connected();
        }

        void close() {
            socket.close();
        }

        /** Emits without ack. */
        void emit(String event, Object... args) {
            socket.emit(event, args);
        }

        /** Emits with an ack callback and waits for the server's answer, its first argument. */
        Map<String, Object> ack(String event, Object... args) {
            CompletableFuture<Object[]> answer = new CompletableFuture<>();
            disconnected.thenAccept(reason -> answer.completeExceptionally(
                    new IllegalStateException("disconnected (" + reason + ") before the ack")));
            socket.emit(event, args, answer::complete);
            Object[] reply = result(answer);
            assertThat(reply).as("ack of %s", event).hasSize(1);
            return map(plain(reply[0]));
        }

        /** The first argument of each received event of this name, in arrival order. */
        List<Map<String, Object>> received(String event) {
            return incoming.stream().filter(received -> received.event().equals(event))
                    .map(Received::payload).toList();
        }

        /** The received events of these names, in arrival order. */
        List<Received> receivedAny(String... events) {
            List<String> names = List.of(events);
            return incoming.stream().filter(received -> names.contains(received.event())).toList();
        }
    }
}
