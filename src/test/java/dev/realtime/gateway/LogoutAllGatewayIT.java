package dev.realtime.gateway;

import static dev.realtime.gateway.GatewaySupport.object;
import static dev.realtime.gateway.GatewaySupport.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.gateway.GatewaySupport.Client;
import dev.realtime.gateway.GatewaySupport.Response;
import dev.realtime.gateway.GatewaySupport.Transport;
import dev.realtime.gateway.GatewaySupport.User;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/auth/logout-all} on one node: the user's sockets are disconnected by the server, and every token
 * of the user issued before is refused, over REST and at the socket handshake, while a new login works.
 */
class LogoutAllGatewayIT extends GatewayContext {

    @Test
    void logoutAll_userWithSocketsOnBothTransports_disconnectedAndOldTokenRefusedEverywhere() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        Client websocket = api.connected(Transport.WEBSOCKET, alice);
        Client polling = api.connected(Transport.POLLING, alice);
        Client bobs = api.connected(Transport.WEBSOCKET, bob);

        Response loggedOut = api.call("POST", "/api/auth/logout-all", alice, null);
        String websocketReason = result(websocket.disconnected());
        String pollingReason = result(polling.disconnected());
        Client reconnect = api.client(Transport.WEBSOCKET, Map.of("token", alice.token()), Map.of()).connect();

        assertThat(loggedOut.status()).isEqualTo(204);
        assertThat(websocketReason).isEqualTo("io server disconnect");
        assertThat(pollingReason).isEqualTo("io server disconnect");
        assertThat(result(reconnect.connectError())).isEqualTo(Map.of("message", "unauthorized"));
        Response me = api.call("GET", "/api/users/me", alice, null);
        assertThat(me.status()).isEqualTo(401);
        assertThat(me.body()).isEqualTo(Map.of("error", Map.of("code", "UNAUTHORIZED",
                "message", "missing, invalid or expired token")));
        assertThat(bobs.ack("presence:update", object("status", "online"))).as("another user's socket")
                .containsEntry("ok", true);
        assertThat(api.call("GET", "/api/users/me", bob, null).status()).isEqualTo(200);
    }

    @Test
    void login_afterLogoutAll_newTokenWorksAndOldOneCannotRefreshASocket() {
        User alice = api.register("alice");
        assertThat(api.call("POST", "/api/auth/logout-all", alice, null).status()).isEqualTo(204);

        User again = login(alice);
        Client socket = api.connected(Transport.WEBSOCKET, again);

        assertThat(api.call("GET", "/api/users/me", again, null).status()).isEqualTo(200);
        assertThat(socket.ack("auth:refresh", object("token", alice.token())))
                .isEqualTo(GatewaySupport.failure("UNAUTHORIZED", "token: invalid or expired"));
        assertThat(socket.ack("auth:refresh", object("token", again.token()))).containsEntry("ok", true);
    }

    @Test
    void logoutAll_twice_tokenOfTheLoginInBetweenRefusedToo() {
        User alice = api.register("alice");
        api.call("POST", "/api/auth/logout-all", alice, null);
        User between = login(alice);

        Response second = api.call("POST", "/api/auth/logout-all", between, null);

        assertThat(second.status()).isEqualTo(204);
        assertThat(api.call("GET", "/api/users/me", between, null).status()).isEqualTo(401);
        assertThat(api.call("GET", "/api/users/me", login(alice), null).status()).isEqualTo(200);
    }

    @Test
    void logoutAll_withoutToken_unauthorized() {
        Response response = api.call("POST", "/api/auth/logout-all", null, null);

        assertThat(response.status()).isEqualTo(401);
    }

    private User login(User user) {
        Response response = api.call("POST", "/api/auth/login", null,
                Map.of("username", user.username(), "password", "secret-password"));
        assertThat(response.status()).as("login: %s", response.body()).isEqualTo(200);
        return new User(user.id(), user.username(), (String) response.body().get("token"));
    }
}
