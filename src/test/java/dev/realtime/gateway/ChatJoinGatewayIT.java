package dev.realtime.gateway;

import static dev.realtime.gateway.GatewaySupport.failure;
import static dev.realtime.gateway.GatewaySupport.first;
import static dev.realtime.gateway.GatewaySupport.joined;
import static dev.realtime.gateway.GatewaySupport.message;
import static dev.realtime.gateway.GatewaySupport.messages;
import static dev.realtime.gateway.GatewaySupport.object;
import static dev.realtime.gateway.GatewaySupport.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.gateway.GatewaySupport.Client;
import dev.realtime.gateway.GatewaySupport.Transport;
import dev.realtime.gateway.GatewaySupport.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** chat:join and chat:leave: who may join a chat's room, and the catch-up of missed messages by lastSeq. */
class ChatJoinGatewayIT extends GatewayContext {

    @Test
    void chatJoin_nonMember_forbiddenAndJoinsNoRoom() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        User carol = api.register("carol");
        String chat = api.group(alice, bob);
        String carolsChat = api.group(alice, carol);
        Client aliceSocket = api.connected(Transport.WEBSOCKET, alice);
        Client carolSocket = joined(api.connected(Transport.WEBSOCKET, carol), carolsChat);

        Map<String, Object> denied = carolSocket.ack("chat:join", object("chatId", chat));
        send(aliceSocket, chat, "not for carol");
        Map<String, Object> marker = send(aliceSocket, carolsChat, "for carol");

        assertThat(denied).isEqualTo(failure("FORBIDDEN", "not a member of this chat"));
        assertThat(message(first(carolSocket, "message:new"))).containsEntry("id", marker.get("id"));
    }

    @Test
    void chatJoin_negativeLastSeq_validationFailedAndJoinsNoRoom() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        String chat = api.group(alice, bob);
        String other = api.group(alice, bob);
        Client aliceSocket = api.connected(Transport.WEBSOCKET, alice);
        Client bobSocket = joined(api.connected(Transport.WEBSOCKET, bob), other);

        Map<String, Object> denied = bobSocket.ack("chat:join", object("chatId", chat, "lastSeq", -1));
        send(aliceSocket, chat, "bob did not join");
        Map<String, Object> marker = send(aliceSocket, other, "marker");

        assertThat(denied).isEqualTo(failure("VALIDATION_FAILED", "lastSeq: must be >= 0"));
        assertThat(message(first(bobSocket, "message:new"))).containsEntry("id", marker.get("id"));
    }

    @Test
    void chatJoin_unknownChat_notFound() {
        User alice = api.register("alice");
        Client aliceSocket = api.connected(Transport.WEBSOCKET, alice);

        Map<String, Object> denied = aliceSocket.ack("chat:join", object("chatId", "no-such-chat"));

        assertThat(denied).isEqualTo(failure("NOT_FOUND", "chat not found"));
    }

    @Test
    void chatLeave_joinedBefore_noMoreMessagesOfThatChat() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        String chat = api.group(alice, bob);
        String other = api.group(alice, bob);
        Client aliceSocket = api.connected(Transport.WEBSOCKET, alice);
        Client bobSocket = joined(api.connected(Transport.WEBSOCKET, bob), chat, other);

        Map<String, Object> left = bobSocket.ack("chat:leave", object("chatId", chat));
        send(aliceSocket, chat, "after bob left");
        Map<String, Object> marker = send(aliceSocket, other, "in the other chat");

        assertThat(left).isEqualTo(Map.of("ok", true, "chatId", chat));
        assertThat(message(first(bobSocket, "message:new"))).containsEntry("id", marker.get("id"));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void chatJoin_reconnectWithLastSeq_acksExactlyTheMissedMessagesInSeqOrder(Transport transport) {
        User alice = api.register("alice");
        User bob = api.register("bob");
        String chat = api.group(alice, bob);
        String other = api.group(alice, bob);
        Client aliceSocket = api.connected(transport, alice);
        Client bobBefore = joined(api.connected(transport, bob), chat);
        send(aliceSocket, chat, "seen");
        Object lastSeq = message(first(bobBefore, "message:new")).get("seq");
        bobBefore.close();
        List<Object> missed = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            missed.add(send(aliceSocket, chat, "missed " + i).get("id"));
            send(aliceSocket, other, "elsewhere " + i);
        }
        Client bobAfter = api.connected(transport, bob);

        Map<String, Object> joined = bobAfter.ack("chat:join", object("chatId", chat, "lastSeq", lastSeq));
        Map<String, Object> live = send(aliceSocket, chat, "live again");

        assertThat(joined).containsEntry("ok", true).containsEntry("chatId", chat).containsEntry("hasMore", false);
        assertThat(messages(joined)).extracting(m -> m.get("id")).containsExactlyElementsOf(missed);
        assertThat(messages(joined)).extracting(m -> m.get("seq")).containsExactly(2, 3, 4, 5, 6);
        assertThat(messages(joined)).extracting(m -> m.get("text"))
                .containsExactly("missed 1", "missed 2", "missed 3", "missed 4", "missed 5");
        assertThat(message(first(bobAfter, "message:new"))).containsEntry("id", live.get("id"));
    }

    @Test
    void chatJoin_moreMissedThanCatchUpLimit_pagesWithHasMore() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        String chat = api.group(alice, bob);
        Client aliceSocket = api.connected(Transport.WEBSOCKET, alice);
        for (int i = 1; i <= 7; i++) {
            send(aliceSocket, chat, "missed " + i);
        }
        Client bobSocket = api.connected(Transport.WEBSOCKET, bob);

        Map<String, Object> firstPage = bobSocket.ack("chat:join", object("chatId", chat, "lastSeq", 0));
        Map<String, Object> secondPage = bobSocket.ack("chat:join", object("chatId", chat, "lastSeq", 5));

        assertThat(firstPage).containsEntry("hasMore", true);
        assertThat(messages(firstPage)).extracting(m -> m.get("seq")).containsExactly(1, 2, 3, 4, 5);
        assertThat(secondPage).containsEntry("hasMore", false);
        assertThat(messages(secondPage)).extracting(m -> m.get("seq")).containsExactly(6, 7);
    }
}
