package dev.realtime.gateway;

import static dev.realtime.gateway.GatewaySupport.failure;
import static dev.realtime.gateway.GatewaySupport.first;
import static dev.realtime.gateway.GatewaySupport.object;
import static dev.realtime.gateway.GatewaySupport.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.gateway.GatewaySupport.Client;
import dev.realtime.gateway.GatewaySupport.Transport;
import dev.realtime.gateway.GatewaySupport.User;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** message:read and message:delivered: the positions they move and the message:status every member hears. */
class ReceiptsGatewayIT extends GatewayContext {

    @Test
    void messageRead_member_messageStatusToEveryMemberButNotOutsiders() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        User carol = api.register("carol");
        String chat = api.group(alice, bob);
        String carolsChat = api.group(alice, carol);
        Client aliceSocket = api.connected(Transport.WEBSOCKET, alice);
        Client bobSocket = api.connected(Transport.WEBSOCKET, bob);
        Client carolSocket = api.connected(Transport.WEBSOCKET, carol);
        send(aliceSocket, chat, "one");
        send(aliceSocket, chat, "two");
        send(aliceSocket, carolsChat, "for carol");

        Map<String, Object> read = bobSocket.ack("message:read", object("chatId", chat, "seq", 2));
        carolSocket.ack("message:read", object("chatId", carolsChat, "seq", 1));

        assertThat(read).isEqualTo(Map.of("ok", true, "chatId", chat,
                "position", Map.of("userId", bob.id(), "lastReadSeq", 2, "lastDeliveredSeq", 2)));
        Map<String, Object> status = Map.of("chatId", chat, "userId", bob.id(), "status", "read", "seq", 2);
        assertThat(first(aliceSocket, "message:status")).isEqualTo(status);
        assertThat(first(bobSocket, "message:status")).isEqualTo(status);
        assertThat(first(carolSocket, "message:status")).containsEntry("chatId", carolsChat);
    }

    @Test
    void messageDelivered_member_messageStatusDelivered() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        String chat = api.group(alice, bob);
        Client aliceSocket = api.connected(Transport.WEBSOCKET, alice);
        Client bobSocket = api.connected(Transport.WEBSOCKET, bob);
        send(aliceSocket, chat, "one");

        Map<String, Object> delivered = bobSocket.ack("message:delivered", object("chatId", chat, "seq", 1));

        assertThat(delivered).isEqualTo(Map.of("ok", true, "chatId", chat,
                "position", Map.of("userId", bob.id(), "lastReadSeq", 0, "lastDeliveredSeq", 1)));
        assertThat(first(aliceSocket, "message:status"))
                .isEqualTo(Map.of("chatId", chat, "userId", bob.id(), "status", "delivered", "seq", 1));
    }

    @Test
    void messageRead_beyondLastSeq_validationFailed() {
        User alice = api.register("alice");
        String chat = api.group(alice);
        Client aliceSocket = api.connected(Transport.WEBSOCKET, alice);
        send(aliceSocket, chat, "one");

        Map<String, Object> read = aliceSocket.ack("message:read", object("chatId", chat, "seq", 5));

        assertThat(read).isEqualTo(failure("VALIDATION_FAILED", "seq: must be within 0..1"));
    }
}
