package dev.realtime.gateway;

import static dev.realtime.gateway.GatewaySupport.first;
import static dev.realtime.gateway.GatewaySupport.joined;
import static dev.realtime.gateway.GatewaySupport.map;
import static dev.realtime.gateway.GatewaySupport.message;
import static dev.realtime.gateway.GatewaySupport.object;
import static dev.realtime.gateway.GatewaySupport.received;
import static dev.realtime.gateway.GatewaySupport.result;
import static dev.realtime.gateway.GatewaySupport.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.gateway.GatewaySupport.Client;
import dev.realtime.gateway.GatewaySupport.Response;
import dev.realtime.gateway.GatewaySupport.Transport;
import dev.realtime.gateway.GatewaySupport.User;
import dev.realtime.testing.OfficialClientJson;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** message:send and the messages made, edited and deleted over REST, as the members' sockets receive them. */
class MessagesGatewayIT extends GatewayContext {

    @ParameterizedTest
    @EnumSource(Transport.class)
    void messageSend_membersJoined_ackedAndBroadcastToRoomButNotToOutsider(Transport transport) {
        User alice = api.register("alice");
        User bob = api.register("bob");
        User carol = api.register("carol");
        String chat = api.group(alice, bob);
        String carolsChat = api.group(alice, carol);
        Client aliceSocket = joined(api.connected(transport, alice), chat, carolsChat);
        Client bobSocket = joined(api.connected(transport, bob), chat);
        Client carolSocket = joined(api.connected(transport, carol), carolsChat);

        Map<String, Object> ack = aliceSocket.ack("message:send", object("chatId", chat, "text", "hello bob"));
        Map<String, Object> marker = send(aliceSocket, carolsChat, "marker for carol");

        assertThat(ack).containsEntry("ok", true);
        Map<String, Object> sent = message(ack);
        assertThat(sent).containsEntry("chatId", chat).containsEntry("senderId", alice.id())
                .containsEntry("text", "hello bob").containsEntry("seq", 1).containsKeys("id", "createdAt");
        assertThat(message(first(bobSocket, "message:new"))).isEqualTo(sent);
        assertThat(message(first(aliceSocket, "message:new"))).isEqualTo(sent);
        assertThat(message(first(carolSocket, "message:new"))).containsEntry("id", marker.get("id"));
    }

    @Test
    void messageSend_manyInFlightFromOneSocket_allAckedWithSeqsInSendOrder() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        String chat = api.group(alice, bob);
        Client aliceSocket = api.connected(Transport.WEBSOCKET, alice);
        Client bobSocket = joined(api.connected(Transport.WEBSOCKET, bob), chat);

        List<CompletableFuture<Object[]>> acks = IntStream.range(0, 200)
                .mapToObj(i -> aliceSocket.ackAsync("message:send", object("chatId", chat, "text", "m" + i)))
                .toList();
        List<Map<String, Object>> sent = acks.stream().map(ack -> message(map(OfficialClientJson.plain(result(ack)[0])))).toList();

        assertThat(sent).extracting(m -> m.get("text"))
                .containsExactlyElementsOf(IntStream.range(0, 200).mapToObj(i -> "m" + i).toList());
        assertThat(sent).extracting(m -> ((Number) m.get("seq")).longValue())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 200).boxed().toList());
        assertThat(received(bobSocket, "message:new", 200)).extracting(payload -> message(payload).get("seq"))
                .extracting(seq -> ((Number) seq).longValue())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 200).boxed().toList());
    }

    @Test
    void messagePostedOverRest_joinedSockets_receiveMessageNew() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        String chat = api.group(alice, bob);
        Client aliceSocket = joined(api.connected(Transport.WEBSOCKET, alice), chat);
        Client bobSocket = joined(api.connected(Transport.POLLING, bob), chat);

        Response posted = api.call("POST", "/api/chats/" + chat + "/messages", bob, Map.of("text", "from rest"));

        assertThat(posted.status()).isEqualTo(201);
        assertThat(message(first(aliceSocket, "message:new"))).isEqualTo(posted.body());
        assertThat(message(first(bobSocket, "message:new"))).isEqualTo(posted.body());
        assertThat(posted.body()).containsEntry("senderId", bob.id()).containsEntry("text", "from rest");
    }

    @Test
    void messageSend_retryWithSameClientMessageId_acksOriginalAndBroadcastsOnce() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        String chat = api.group(alice, bob);
        Client aliceSocket = api.connected(Transport.WEBSOCKET, alice);
        Client bobSocket = joined(api.connected(Transport.WEBSOCKET, bob), chat);

        Map<String, Object> original = aliceSocket.ack("message:send",
                object("chatId", chat, "text", "only once", "clientMessageId", "client-1"));
        Map<String, Object> retry = aliceSocket.ack("message:send",
                object("chatId", chat, "text", "only once", "clientMessageId", "client-1"));
        Map<String, Object> next = send(aliceSocket, chat, "next");

        assertThat(retry).isEqualTo(original);
        assertThat(message(original)).containsEntry("clientMessageId", "client-1").containsEntry("seq", 1);
        assertThat(next).containsEntry("seq", 2);
        assertThat(received(bobSocket, "message:new", 2)).extracting(payload -> message(payload).get("id"))
                .containsExactly(message(original).get("id"), next.get("id"));
    }

    @Test
    void messageEditedOverRest_joinedSockets_receiveMessageUpdated() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        String chat = api.group(alice, bob);
        Client aliceSocket = api.connected(Transport.WEBSOCKET, alice);
        Client bobSocket = joined(api.connected(Transport.WEBSOCKET, bob), chat);
        Map<String, Object> sent = send(aliceSocket, chat, "tpyo");

        Response edited = api.call("PATCH", "/api/messages/" + sent.get("id"), alice, Map.of("text", "typo"));

        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.body()).containsEntry("id", sent.get("id")).containsEntry("text", "typo");
        assertThat(edited.body().get("editedAt")).isNotNull();
        assertThat(first(bobSocket, "message:updated")).isEqualTo(Map.of("message", edited.body()));
    }

    @Test
    void messageDeletedOverRest_joinedSockets_receiveMessageDeleted() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        String chat = api.group(alice, bob);
        Client aliceSocket = api.connected(Transport.WEBSOCKET, alice);
        Client bobSocket = joined(api.connected(Transport.WEBSOCKET, bob), chat);
        Map<String, Object> sent = send(aliceSocket, chat, "oops");

        Response deleted = api.call("DELETE", "/api/messages/" + sent.get("id"), alice, null);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(first(bobSocket, "message:deleted"))
                .isEqualTo(Map.of("chatId", chat, "messageId", sent.get("id"), "seq", 1));
    }
}
