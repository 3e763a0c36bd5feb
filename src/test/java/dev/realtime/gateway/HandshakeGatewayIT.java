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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The handshake: who may connect to the gateway, with a token in {@code auth} or in the Authorization header. */
class HandshakeGatewayIT extends GatewayContext {

    /** Where the client puts its token: Socket.IO's {@code auth} payload or an Authorization header. */
    enum Carrier { AUTH, HEADER }

    /** A token the handshake must refuse. FORGED, EXPIRED and WRONG_ISSUER name a registered user. */
    enum BadToken {
        MISSING, EMPTY, MALFORMED, FORGED, EXPIRED, WRONG_ISSUER, OF_NO_USER;

        boolean namesAUser() {
            return this == FORGED || this == EXPIRED || this == WRONG_ISSUER;
        }

        String token(User user) {
            Instant now = Instant.now();
            Instant inAnHour = now.plus(Duration.ofHours(1));
            return switch (this) {
                case MISSING -> null;
                case EMPTY -> "";
                case MALFORMED -> "not-a-jwt";
                case FORGED -> GatewaySupport.token("another-secret-of-32-bytes-or-more!!", user.id(), now, inAnHour);
                case EXPIRED -> GatewaySupport.token(SECRET, user.id(), now.minus(Duration.ofHours(2)),
                        now.minus(Duration.ofHours(1)));
                case WRONG_ISSUER -> GatewaySupport.token(SECRET, "someone-else", user.id(), now, inAnHour);
                case OF_NO_USER -> GatewaySupport.token(SECRET, UUID.randomUUID().toString(), now, inAnHour);
            };
        }
    }

    static Stream<Arguments> refusedHandshakes() {
        return Stream.of(Transport.values()).flatMap(transport -> Stream.of(Carrier.values())
                .flatMap(carrier -> Stream.of(BadToken.values()).map(bad -> Arguments.of(transport, carrier, bad))));
    }

    @ParameterizedTest(name = "{2} token in {1} over {0}")
    @MethodSource("refusedHandshakes")
    void connect_missingOrBadToken_connectErrorUnauthorized(Transport transport, Carrier carrier, BadToken bad) {
        String token = bad.token(bad.namesAUser() ? api.register("alice") : null);
        Map<String, String> auth = token == null || carrier != Carrier.AUTH ? Map.of() : Map.of("token", token);
        Map<String, String> headers = token == null || carrier != Carrier.HEADER ? Map.of()
                : Map.of("Authorization", "Bearer " + token);
        Client client = api.client(transport, auth, headers);

        client.connect();

        assertThat(result(client.connectError())).isEqualTo(Map.of("message", "unauthorized"));
        assertThat(client.isConnected()).isFalse();
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

}
