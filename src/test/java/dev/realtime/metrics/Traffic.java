package dev.realtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.testing.OfficialClientJson;
import dev.realtime.testing.RecordingSocket;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Users, chats and logins over REST, sockets with the official Java client, all on the server's main port. */
final class Traffic implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    record User(String id, String token) {
    }

    private final URI server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<RecordingSocket> sockets = new CopyOnWriteArrayList<>();

    Traffic(int port) {
        this.server = URI.create("http://127.0.0.1:" + port);
    }

    User register(String name) {
        String username = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> response = post("/api/auth/register", null,
                Map.of("username", username, "password", "secret-password"));
        assertThat(response.statusCode()).as("register: %s", response.body()).isEqualTo(201);
        JsonNode body = json.readTree(response.body());
        return new User(body.path("user").path("id").asString(), body.path("token").asString());
    }

    String group(User creator, User... members) {
        HttpResponse<String> response = post("/api/chats", creator, Map.of("type", "group",
                "memberIds", List.of(members).stream().map(User::id).toList()));
        assertThat(response.statusCode()).as("create chat: %s", response.body()).isIn(200, 201);
        return json.readTree(response.body()).path("id").asString();
    }

    int login(String username, String password) {
        return post("/api/auth/login", null, Map.of("username", username, "password", password)).statusCode();
    }

    /** A connected socket of the user on that one transport ("websocket" or "polling"), never upgrading. */
    RecordingSocket connected(String transport, User user) {
        IO.Options options = new IO.Options();
        options.transports = new String[] {transport};
        options.upgrade = false;
        options.forceNew = true;
        options.reconnection = false;
        options.callFactory = OfficialClientJson.HTTP;
        options.webSocketFactory = OfficialClientJson.HTTP;
        options.timeout = TIMEOUT.toMillis();
        options.auth = new HashMap<>(Map.of("token", user.token()));
        Socket socket = IO.socket(server, options);
        RecordingSocket recording = new RecordingSocket(socket, TIMEOUT);
        sockets.add(recording);
        return recording.connect().awaitConnected();
    }

    @Override
    public void close() {
        sockets.forEach(RecordingSocket::close);
    }

    private HttpResponse<String> post(String path, User as, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path)).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .header("Content-Type", "application/json");
        if (as != null) {
            request.header("Authorization", "Bearer " + as.token());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("POST " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
