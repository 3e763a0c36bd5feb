package dev.realtime.gateway;

import static dev.realtime.gateway.GatewaySupport.message;
import static dev.realtime.gateway.GatewaySupport.object;
import static dev.realtime.gateway.GatewaySupport.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.gateway.GatewaySupport.Client;
import dev.realtime.gateway.GatewaySupport.Transport;
import dev.realtime.gateway.GatewaySupport.User;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The handshake: who may connect to the gateway, with a token in {@code auth} or in the Authorization header. */
class HandshakeGatewayIT extends GatewayContext {

    @ParameterizedTest
    @EnumSource(Transport.class)
    void connect_withoutToken_connectErrorUnauthorized(Transport transport) {
        Client anonymous = api.client(transport, Map.of(), Map.of());

        anonymous.connect();

        assertThat(result(anonymous.connectError())).isEqualTo(Map.of("message", "unauthorized"));
        assertThat(anonymous.isConnected()).isFalse();
    }

    @Test
    void connect_forgedToken_connectErrorUnauthorized() {
        User alice = api.register("alice");
        Instant now = Instant.now();
        String forged = GatewaySupport.token("another-secret-of-32-bytes-or-more!!", alice.id(), now,
                now.plus(Duration.ofHours(1)));
        Client mallory = api.client(Transport.WEBSOCKET, Map.of("token", forged), Map.of());

        mallory.connect();

        assertThat(result(mallory.connectError())).isEqualTo(Map.of("message", "unauthorized"));
    }

    @Test
    void connect_ownTokenOfNoUser_connectErrorUnauthorized() {
        Instant now = Instant.now();
        String orphan = GatewaySupport.token(SECRET, UUID.randomUUID().toString(), now,
                now.plus(Duration.ofHours(1)));
        Client ghost = api.client(Transport.WEBSOCKET, Map.of("token", orphan), Map.of());

        ghost.connect();

        assertThat(result(ghost.connectError())).isEqualTo(Map.of("message", "unauthorized"));
    }

    @Test
    void connect_expiredToken_connectErrorUnauthorized() {
        User alice = api.register("alice");
        Instant now = Instant.now();
        String expired = GatewaySupport.token(SECRET, alice.id(), now.minus(Duration.ofHours(2)),
                now.minus(Duration.ofHours(1)));
        Client late = api.client(Transport.WEBSOCKET, Map.of("token", expired), Map.of());

        late.connect();

        assertThat(result(late.connectError())).isEqualTo(Map.of("message", "unauthorized"));
    }

    @Test
    void connect_unexpiredTokenSignedWithServerSecret_connects() {
        User alice = api.register("alice");
        Instant now = Instant.now();
        String valid = GatewaySupport.token(SECRET, alice.id(), now, now.plus(Duration.ofHours(1)));
        Client client = api.client(Transport.WEBSOCKET, Map.of("token", valid), Map.of());

        client.connect().awaitConnected();

        assertThat(client.isConnected()).isTrue();
        assertThat(client.connectError()).isNotDone();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void connect_authorizationHeaderInsteadOfAuth_connectsAsThatUser(Transport transport) {
        User alice = api.register("alice");
        String chat = api.group(alice);
        Client client = api.client(transport, Map.of(), Map.of("Authorization", "Bearer " + alice.token()));

        client.connect().awaitConnected();
        Map<String, Object> sent = client.ack("message:send", object("chatId", chat, "text", "via header"));

        assertThat(sent).containsEntry("ok", true);
        assertThat(message(sent)).containsEntry("senderId", alice.id());
    }

    @Test
    void connect_authorizationHeaderWithForgedToken_connectErrorUnauthorized() {
        User alice = api.register("alice");
        Instant now = Instant.now();
        String forged = GatewaySupport.token("another-secret-of-32-bytes-or-more!!", alice.id(), now,
                now.plus(Duration.ofHours(1)));
        Client mallory = api.client(Transport.POLLING, Map.of(), Map.of("Authorization", "Bearer " + forged));

        mallory.connect();

        assertThat(result(mallory.connectError())).isEqualTo(Map.of("message", "unauthorized"));
    }
}
