package dev.realtime.gateway;

import static dev.realtime.gateway.GatewaySupport.failure;
import static dev.realtime.gateway.GatewaySupport.first;
import static dev.realtime.gateway.GatewaySupport.joined;
import static dev.realtime.gateway.GatewaySupport.object;
import static dev.realtime.gateway.GatewaySupport.received;
import static dev.realtime.gateway.GatewaySupport.send;
import static dev.realtime.gateway.GatewaySupport.typingEvents;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.gateway.GatewaySupport.Client;
import dev.realtime.gateway.GatewaySupport.Transport;
import dev.realtime.gateway.GatewaySupport.User;
import dev.realtime.testing.RecordingSocket.Received;
import dev.realtime.typing.TypingService;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** message:typing: typing:start and typing:stop, the server's timeout, and what ends typing early. */
class TypingGatewayIT extends GatewayContext {

    @Autowired
    TypingService typing;

    @Test
    void typingStart_member_broadcastToOthersButNotToTypersOtherSocket() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        String chat = api.group(alice, bob);
        Client aliceTyping = joined(api.connected(Transport.WEBSOCKET, alice), chat);
        Client aliceOther = joined(api.connected(Transport.POLLING, alice), chat);
        Client bobSocket = joined(api.connected(Transport.WEBSOCKET, bob), chat);

        Map<String, Object> started = aliceTyping.ack("message:typing", object("chatId", chat, "isTyping", true));
        bobSocket.ack("message:typing", object("chatId", chat, "isTyping", true));

        assertThat(started).isEqualTo(Map.of("ok", true, "chatId", chat, "isTyping", true));
        assertThat(first(bobSocket, "typing:start")).isEqualTo(Map.of("chatId", chat, "userId", alice.id()));
        assertThat(first(aliceOther, "typing:start")).isEqualTo(Map.of("chatId", chat, "userId", bob.id()));
        assertThat(first(aliceTyping, "typing:start")).isEqualTo(Map.of("chatId", chat, "userId", bob.id()));
    }

    @Test
    void typingStart_repeatedWithinTimeout_broadcastOnce() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        String chat = api.group(alice, bob);
        Client aliceSocket = joined(api.connected(Transport.WEBSOCKET, alice), chat);
        Client bobSocket = joined(api.connected(Transport.WEBSOCKET, bob), chat);

        aliceSocket.ack("message:typing", object("chatId", chat, "isTyping", true));
        aliceSocket.ack("message:typing", object("chatId", chat, "isTyping", true));
        aliceSocket.ack("message:typing", object("chatId", chat, "isTyping", false));

        first(bobSocket, "typing:stop");
        assertThat(typingEvents(bobSocket)).containsExactly("typing:start " + alice.id(), "typing:stop " + alice.id());
    }

    @Test
    void typingStart_notRefreshed_serverStopsItAfterTimeout() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        String chat = api.group(alice, bob);
        Client aliceSocket = joined(api.connected(Transport.WEBSOCKET, alice), chat);
        Client bobSocket = joined(api.connected(Transport.WEBSOCKET, bob), chat);

        aliceSocket.ack("message:typing", object("chatId", chat, "isTyping", true));

        assertThat(first(bobSocket, "typing:stop")).isEqualTo(Map.of("chatId", chat, "userId", alice.id()));
        assertThat(typingEvents(bobSocket)).containsExactly("typing:start " + alice.id(), "typing:stop " + alice.id());
        assertThat(typing.getTypingUsers(chat).join()).isEmpty();
    }

    @Test
    void typingStart_thenMessageSent_typingStoppedAfterTheMessage() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        String chat = api.group(alice, bob);
        Client aliceSocket = joined(api.connected(Transport.WEBSOCKET, alice), chat);
        Client bobSocket = joined(api.connected(Transport.WEBSOCKET, bob), chat);
        aliceSocket.ack("message:typing", object("chatId", chat, "isTyping", true));

        send(aliceSocket, chat, "typed it");
        List<String> typingAfterSend = List.copyOf(typing.getTypingUsers(chat).join());
        aliceSocket.ack("message:typing", object("chatId", chat, "isTyping", true));

        assertThat(typingAfterSend).doesNotContain(alice.id());
        // A start while still typing would only refresh: the second start shows the send had stopped it.
        received(bobSocket, "typing:start", 2);
        assertThat(bobSocket.receivedAny("typing:start", "typing:stop", "message:new")).extracting(Received::event)
                .containsExactly("typing:start", "message:new", "typing:stop", "typing:start");
    }

    @Test
    void typingStart_typersLastSocketCloses_typingStopped() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        String chat = api.group(alice, bob);
        Client aliceSocket = joined(api.connected(Transport.WEBSOCKET, alice), chat);
        Client bobSocket = joined(api.connected(Transport.WEBSOCKET, bob), chat);
        aliceSocket.ack("message:typing", object("chatId", chat, "isTyping", true));

        aliceSocket.close();

        assertThat(first(bobSocket, "typing:stop")).isEqualTo(Map.of("chatId", chat, "userId", alice.id()));
        assertThat(typing.getTypingUsers(chat).join()).isEmpty();
    }

    @Test
    void typing_nonMember_forbiddenAndNothingBroadcast() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        User carol = api.register("carol");
        String chat = api.group(alice, bob);
        Client aliceSocket = joined(api.connected(Transport.WEBSOCKET, alice), chat);
        Client bobSocket = joined(api.connected(Transport.WEBSOCKET, bob), chat);
        Client carolSocket = api.connected(Transport.WEBSOCKET, carol);

        Map<String, Object> denied = carolSocket.ack("message:typing", object("chatId", chat, "isTyping", true));
        aliceSocket.ack("message:typing", object("chatId", chat, "isTyping", true));

        assertThat(denied).isEqualTo(failure("FORBIDDEN", "not a member of this chat"));
        assertThat(first(bobSocket, "typing:start")).containsEntry("userId", alice.id());
        assertThat(typing.getTypingUsers(chat).join()).doesNotContain(carol.id());
    }
}
