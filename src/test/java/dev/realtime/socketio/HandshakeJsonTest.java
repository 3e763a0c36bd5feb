package dev.realtime.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.engineio.HandshakeRequest;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class HandshakeJsonTest {

    private final JsonMapper mapper = JsonMapper.builder().build();

    @Test
    void of_credentialsInHeadersAndAuth_leftOutAndTheRestKept() {
        ObjectNode auth = mapper.createObjectNode().put("token", "secret.jwt.value").put("client", "web");
        HandshakeRequest request = new HandshakeRequest(Map.of("EIO", "4"), Map.of("authorization", "Bearer x",
                "cookie", "session=1", "user-agent", "test"), "127.0.0.1");
        Handshake handshake = new Handshake(auth, request, Instant.ofEpochMilli(1_000));

        ObjectNode json = HandshakeJson.of(handshake, "/socket.io/", mapper);

        assertThat(json.path("headers").propertyNames()).containsExactly("user-agent");
        assertThat(json.path("auth").propertyNames()).containsExactly("client");
        assertThat(json.path("query").path("EIO").asString()).isEqualTo("4");
        assertThat(json.path("issued").asLong()).isEqualTo(1_000);
        assertThat(auth.path("token").asString()).as("the socket's own handshake").isEqualTo("secret.jwt.value");
    }
}
