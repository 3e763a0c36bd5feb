package dev.realtime.gateway;

import static dev.realtime.gateway.GatewaySupport.failure;
import static dev.realtime.gateway.GatewaySupport.first;
import static dev.realtime.gateway.GatewaySupport.joined;
import static dev.realtime.gateway.GatewaySupport.list;
import static dev.realtime.gateway.GatewaySupport.map;
import static dev.realtime.gateway.GatewaySupport.message;
import static dev.realtime.gateway.GatewaySupport.object;
import static dev.realtime.gateway.GatewaySupport.received;
import static dev.realtime.gateway.GatewaySupport.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.gateway.GatewaySupport.Client;
import dev.realtime.gateway.GatewaySupport.Response;
import dev.realtime.gateway.GatewaySupport.Transport;
import dev.realtime.gateway.GatewaySupport.User;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Chats created and members added or removed over REST, as the members' sockets see it: chat:created, chat:updated,
 * rooms left.
 */
class ChatEventsGatewayIT extends GatewayContext {

    @Test
    void chatCreatedOverRest_everyMembersSockets_receiveChatCreated() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        User carol = api.register("carol");
        Client aliceFirst = api.connected(Transport.WEBSOCKET, alice);
        Client aliceSecond = api.connected(Transport.POLLING, alice);
        Client bobSocket = api.connected(Transport.WEBSOCKET, bob);
        Client carolSocket = api.connected(Transport.WEBSOCKET, carol);

        Map<String, Object> chat = api.createChat(alice, "group", bob);
        Map<String, Object> carolsChat = api.createChat(alice, "group", carol);

        assertThat(list(chat.get("memberIds"))).containsExactlyInAnyOrder(alice.id(), bob.id());
        assertThat(first(aliceFirst, "chat:created")).isEqualTo(Map.of("chat", chat));
        assertThat(first(aliceSecond, "chat:created")).isEqualTo(Map.of("chat", chat));
        assertThat(first(bobSocket, "chat:created")).isEqualTo(Map.of("chat", chat));
        assertThat(map(first(carolSocket, "chat:created").get("chat"))).containsEntry("id", carolsChat.get("id"));
    }

    @Test
    void createDirectChat_existsAlready_returnedWithoutSecondChatCreated() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        Client bobSocket = api.connected(Transport.WEBSOCKET, bob);

        Response created = api.call("POST", "/api/chats", alice,
                Map.of("type", "direct", "memberIds", List.of(bob.id())));
        Response again = api.call("POST", "/api/chats", bob,
                Map.of("type", "direct", "memberIds", List.of(alice.id())));
        Map<String, Object> marker = api.createChat(alice, "group", bob);

        assertThat(created.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).containsEntry("id", created.body().get("id"));
        assertThat(received(bobSocket, "chat:created", 2)).extracting(payload -> map(payload.get("chat")).get("id"))
                .containsExactly(created.body().get("id"), marker.get("id"));
    }

    @Test
    void memberRemovedOverRest_allTheirSockets_leaveTheChatRoom() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        User carol = api.register("carol");
        String chat = api.group(alice, bob, carol);
        String other = api.group(alice, bob);
        Client aliceSocket = api.connected(Transport.WEBSOCKET, alice);
        Client bobFirst = joined(api.connected(Transport.WEBSOCKET, bob), chat, other);
        Client bobSecond = joined(api.connected(Transport.POLLING, bob), chat, other);

        Response removed = api.call("DELETE", "/api/chats/" + chat + "/members/" + bob.id(), alice, null);
        send(aliceSocket, chat, "bob is gone");
        Map<String, Object> marker = send(aliceSocket, other, "still here");

        assertThat(removed.status()).isEqualTo(200);
        assertThat(list(removed.body().get("memberIds"))).containsExactlyInAnyOrder(alice.id(), carol.id());
        assertThat(message(first(bobFirst, "message:new"))).containsEntry("id", marker.get("id"));
        assertThat(message(first(bobSecond, "message:new"))).containsEntry("id", marker.get("id"));
        assertThat(bobFirst.ack("chat:join", object("chatId", chat)))
                .isEqualTo(failure("FORBIDDEN", "not a member of this chat"));
    }

    @Test
    void membersChangeOverRest_chatUpdatedToMembersAndToTheRemoved_withTheNewOwner() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        User carol = api.register("carol");
        String chat = api.group(alice, bob);
        Client bobSocket = api.connected(Transport.WEBSOCKET, bob);
        Client carolSocket = api.connected(Transport.POLLING, carol);

        Response added = api.call("POST", "/api/chats/" + chat + "/members", alice,
                Map.of("userIds", List.of(carol.id())));
        Response left = api.call("DELETE", "/api/chats/" + chat + "/members/" + alice.id(), alice, null);
        Response removed = api.call("DELETE", "/api/chats/" + chat + "/members/" + carol.id(), bob, null);

        assertThat(List.of(added.status(), left.status(), removed.status())).containsOnly(200);
        assertThat(received(bobSocket, "chat:updated", 3)).extracting(payload -> map(payload.get("chat")))
                .containsExactly(added.body(), left.body(), removed.body());
        assertThat(map(first(carolSocket, "chat:created").get("chat"))).isEqualTo(added.body());
        assertThat(received(carolSocket, "chat:updated", 2)).extracting(payload -> map(payload.get("chat")))
                .containsExactly(left.body(), removed.body());
        assertThat(left.body()).containsEntry("ownerId", bob.id());
        assertThat(list(removed.body().get("memberIds"))).containsExactly(bob.id());
    }
}
