package dev.realtime.gateway;

import static dev.realtime.gateway.GatewaySupport.TIMEOUT;
import static dev.realtime.gateway.GatewaySupport.map;
import static dev.realtime.gateway.GatewaySupport.object;
import static dev.realtime.gateway.GatewaySupport.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.realtime.gateway.GatewaySupport.Client;
import dev.realtime.testing.RecordingSocket.Received;
import dev.realtime.gateway.GatewaySupport.Response;
import dev.realtime.gateway.GatewaySupport.Transport;
import dev.realtime.gateway.GatewaySupport.User;
import dev.realtime.testing.H2Files;
import dev.realtime.presence.PresenceStore;
import dev.realtime.typing.TypingService;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The chat gateway on "/" as its clients see it: the official Java client over one transport, users, chats and
 * messages made over REST, an H2 file database. Each test registers its own users, so no test hears another's.
 * That an event does not reach a socket is shown by order: after the event that must not arrive, something that
 * must arrive is triggered, and it has to be the first of its kind the socket received.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "realtime.jwt.secret=" + GatewayIT.SECRET,
        "realtime.presence.grace-period=500ms",
        "realtime.typing.timeout=500ms",
        "realtime.limits.messages-per-second=10000",
        "realtime.limits.message-burst=10000",
        "realtime.gateway.catch-up-limit=5"})
class GatewayIT {

    static final String SECRET = "gateway-it-secret-0123456789-abcdefghij";
    private static final Duration GRACE = Duration.ofMillis(500);
    private static final String DATABASE = H2Files.newDatabaseUrl("GatewayIT");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
    }

    @LocalServerPort
    int port;

    @Autowired
    TypingService typing;

    @Autowired
    PresenceStore presenceStore;

    private GatewaySupport api;

    @BeforeEach
    void start() {
        api = new GatewaySupport(port);
    }

    @AfterEach
    void stop() {
        api.close();
    }

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
        String orphan = GatewaySupport.token(SECRET, java.util.UUID.randomUUID().toString(), now,
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

    @Test
    void connect_firstConnection_presenceOnlineToContactsOnly() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        User dave = api.register("dave");
        User erin = api.register("erin");
        api.group(alice, bob);
        api.group(dave, erin);
        Client bobSocket = api.connected(Transport.WEBSOCKET, bob);
        Client daveSocket = api.connected(Transport.WEBSOCKET, dave);

        api.connected(Transport.WEBSOCKET, alice);
        Map<String, Object> online = first(bobSocket, "presence:online");
        api.connected(Transport.WEBSOCKET, erin);

        assertThat(online).isEqualTo(Map.of("userId", alice.id(), "status", "online"));
        assertThat(first(daveSocket, "presence:online")).isEqualTo(Map.of("userId", erin.id(), "status", "online"));
    }

    @Test
    void connect_secondConnectionOfSameUser_notAnnouncedAgain() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        User carol = api.register("carol");
        api.group(alice, bob);
        api.group(bob, carol);
        Client bobSocket = api.connected(Transport.WEBSOCKET, bob);
        api.connected(Transport.WEBSOCKET, alice);
        first(bobSocket, "presence:online");

        api.connected(Transport.POLLING, alice);
        eventually().until(() -> presenceStore.connections(alice.id()).join() == 2);
        api.connected(Transport.WEBSOCKET, carol);

        assertThat(received(bobSocket, "presence:online", 2)).containsExactly(
                Map.of("userId", alice.id(), "status", "online"), Map.of("userId", carol.id(), "status", "online"));
    }

    @Test
    void disconnect_oneOfTwoConnections_userStaysOnline() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        User carol = api.register("carol");
        api.group(alice, bob);
        api.group(bob, carol);
        Client bobSocket = api.connected(Transport.WEBSOCKET, bob);
        Client aliceFirst = api.connected(Transport.WEBSOCKET, alice);
        api.connected(Transport.WEBSOCKET, alice);
        first(bobSocket, "presence:online");

        aliceFirst.close();
        eventually().until(() -> presenceStore.connections(alice.id()).join() == 1);
        goOnlineAndOffline(carol, bobSocket);

        assertThat(first(bobSocket, "presence:offline")).containsEntry("userId", carol.id());
        assertThat(items(api.presence(bob, alice))).extracting("userId", "status")
                .containsExactly(tuple(alice.id(), "online"));
    }

    @Test
    void disconnect_lastConnection_presenceOfflineAfterGracePeriodToContactsOnly() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        User dave = api.register("dave");
        User erin = api.register("erin");
        api.group(alice, bob);
        api.group(dave, erin);
        Client bobSocket = api.connected(Transport.WEBSOCKET, bob);
        Client daveSocket = api.connected(Transport.WEBSOCKET, dave);
        Client aliceSocket = api.connected(Transport.WEBSOCKET, alice);
        first(bobSocket, "presence:online");

        Instant closedAt = Instant.now();
        aliceSocket.close();
        Map<String, Object> offline = first(bobSocket, "presence:offline");
        Instant observedAt = Instant.now();
        goOnlineAndOffline(erin, daveSocket);

        assertThat(offline).containsOnlyKeys("userId", "lastSeenAt").containsEntry("userId", alice.id());
        OffsetDateTime lastSeenAt = OffsetDateTime.parse((String) offline.get("lastSeenAt"));
        assertThat(lastSeenAt.toInstant()).isBetween(closedAt.truncatedTo(ChronoUnit.MICROS), observedAt);
        assertThat(first(daveSocket, "presence:offline")).containsEntry("userId", erin.id());
        eventually().untilAsserted(() -> assertThat(items(api.presence(bob, alice))).singleElement()
                .satisfies(item -> {
                    assertThat(item).containsEntry("userId", alice.id()).containsEntry("status", "offline");
                    assertThat(OffsetDateTime.parse((String) item.get("lastSeenAt"))).isEqualTo(lastSeenAt);
                }));
    }

    @Test
    void reconnect_withinGracePeriod_noPresenceOfflineAndNoNewAnnouncement() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        User carol = api.register("carol");
        api.group(alice, bob);
        api.group(bob, carol);
        Client bobSocket = api.connected(Transport.WEBSOCKET, bob);
        Client aliceBefore = api.connected(Transport.WEBSOCKET, alice);
        first(bobSocket, "presence:online");
        Client aliceAfter = api.client(Transport.WEBSOCKET, Map.of("token", alice.token()), Map.of());

        aliceBefore.close();
        eventually().until(() -> presenceStore.connections(alice.id()).join() == 0);
        aliceAfter.connect().awaitConnected();
        goOnlineAndOffline(carol, bobSocket);

        assertThat(first(bobSocket, "presence:offline")).containsEntry("userId", carol.id());
        assertThat(bobSocket.received("presence:online")).filteredOn("userId", alice.id()).hasSize(1);
        assertThat(items(api.presence(bob, alice))).extracting("userId", "status")
                .containsExactly(tuple(alice.id(), "online"));
    }

    @Test
    void presenceUpdate_away_announcedToContactsAndShownByRest() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        User carol = api.register("carol");
        User dave = api.register("dave");
        User erin = api.register("erin");
        api.group(alice, bob, carol);
        api.group(dave, erin);
        Client bobSocket = api.connected(Transport.WEBSOCKET, bob);
        Client daveSocket = api.connected(Transport.WEBSOCKET, dave);
        Client aliceSocket = api.connected(Transport.WEBSOCKET, alice);
        first(bobSocket, "presence:online");

        Map<String, Object> updated = aliceSocket.ack("presence:update", object("status", "away"));
        List<Map<String, Object>> announced = received(bobSocket, "presence:online", 2);
        api.connected(Transport.WEBSOCKET, erin);

        assertThat(updated).isEqualTo(Map.of("ok", true, "status", "away"));
        assertThat(announced).containsExactly(Map.of("userId", alice.id(), "status", "online"),
                Map.of("userId", alice.id(), "status", "away"));
        assertThat(first(daveSocket, "presence:online")).containsEntry("userId", erin.id());
        Response presence = api.presence(bob, alice, bob, carol);
        assertThat(presence.body()).containsEntry("hasMore", false);
        assertThat(items(presence)).extracting("userId", "status", "lastSeenAt").containsExactly(
                tuple(alice.id(), "away", null), tuple(bob.id(), "online", null), tuple(carol.id(), "offline", null));
    }

    @Test
    void eventWithoutAck_fails_exceptionEventWithCodeAndEventName() {
        User alice = api.register("alice");
        User bob = api.register("bob");
        String bobsChat = api.group(bob);
        Client aliceSocket = api.connected(Transport.WEBSOCKET, alice);

        aliceSocket.emit("message:send", object("chatId", bobsChat, "text", "let me in"));
        aliceSocket.emit("chat:join", object());

        assertThat(received(aliceSocket, "exception", 2)).containsExactly(
                Map.of("status", "error", "code", "FORBIDDEN", "message", "not a member of this chat",
                        "event", "message:send"),
                Map.of("status", "error", "code", "VALIDATION_FAILED", "message", "chatId: is required",
                        "event", "chat:join"));
    }

    @Test
    void unknownEvent_withAck_notFoundNamingTheEvent() {
        User alice = api.register("alice");
        Client aliceSocket = api.connected(Transport.WEBSOCKET, alice);

        Map<String, Object> answer = aliceSocket.ack("message:sned", object("chatId", "c", "text", "typo"));

        assertThat(answer).isEqualTo(failure("NOT_FOUND", "unknown event 'message:sned'"));
        assertThat(aliceSocket.isConnected()).isTrue();
    }

    static Stream<Arguments> malformedPayloads() {
        return Stream.of(
                Arguments.of("chat:join", new Object[] {"not an object"}, "payload: must be an object"),
                Arguments.of("chat:join", new Object[0], "payload: must be an object"),
                Arguments.of("chat:join", new Object[] {object()}, "chatId: is required"),
                Arguments.of("chat:join", new Object[] {object("chatId", 42)}, "chatId: must be a string"),
                Arguments.of("chat:join", new Object[] {object("chatId", "c", "lastSeq", "7")},
                        "lastSeq: must be an integer"),
                Arguments.of("chat:leave", new Object[] {object("chatId", "")}, "chatId: is required"),
                Arguments.of("message:send", new Object[] {object("text", "hi")}, "chatId: is required"),
                Arguments.of("message:send", new Object[] {object("chatId", "c", "text", " ")},
                        "text: must not be empty"),
                Arguments.of("message:typing", new Object[] {object("chatId", "c", "isTyping", "yes")},
                        "isTyping: must be true or false"),
                Arguments.of("message:read", new Object[] {object("chatId", "c")}, "seq: is required"),
                Arguments.of("message:delivered", new Object[] {object("chatId", "c", "seq", 1.5)},
                        "seq: must be an integer"),
                Arguments.of("presence:update", new Object[] {object("status", "busy")},
                        "status: must be \"online\" or \"away\""));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("malformedPayloads")
    void event_malformedPayload_validationFailed(String event, Object[] args, String problem) {
        User alice = api.register("alice");
        Client aliceSocket = api.connected(Transport.WEBSOCKET, alice);

        Map<String, Object> answer = aliceSocket.ack(event, args);

        assertThat(answer).isEqualTo(failure("VALIDATION_FAILED", problem));
    }

    private static ConditionFactory eventually() {
        return await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(10));
    }

    /** The first event of this name the socket received, once there is one. */
    private static Map<String, Object> first(Client client, String event) {
        return eventually().until(() -> client.received(event), list -> !list.isEmpty()).get(0);
    }

    /** The events of this name the socket received, once there are at least {@code count}. */
    private static List<Map<String, Object>> received(Client client, String event, int count) {
        return eventually().until(() -> client.received(event), list -> list.size() >= count);
    }

    private static Client joined(Client client, String... chatIds) {
        for (String chatId : chatIds) {
            assertThat(client.ack("chat:join", object("chatId", chatId))).containsEntry("ok", true);
        }
        return client;
    }

    /** Sends over the socket and returns the stored message from the ack. */
    private static Map<String, Object> send(Client client, String chatId, String text) {
        Map<String, Object> ack = client.ack("message:send", object("chatId", chatId, "text", text));
        assertThat(ack).containsEntry("ok", true);
        return message(ack);
    }

    /** A marker for presence: the user comes online and goes offline, which the watcher sees after the grace. */
    private void goOnlineAndOffline(User user, Client watcher) {
        Client socket = api.connected(Transport.WEBSOCKET, user);
        eventually().until(() -> watcher.received("presence:online"),
                list -> list.contains(Map.of("userId", user.id(), "status", "online")));
        socket.close();
    }

    private static List<String> typingEvents(Client client) {
        return client.receivedAny("typing:start", "typing:stop").stream()
                .map(received -> received.event() + " " + received.payload().get("userId")).toList();
    }

    private static Map<String, Object> message(Map<String, Object> payload) {
        return map(payload.get("message"));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> messages(Map<String, Object> ack) {
        return (List<Map<String, Object>>) ack.get("messages");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Response response) {
        assertThat(response.status()).as("GET /api/presence: %s", response.body()).isEqualTo(200);
        return (List<Map<String, Object>>) response.body().get("items");
    }

    private static Map<String, Object> failure(String code, String message) {
        return Map.of("ok", false, "error", Map.of("code", code, "message", message));
    }
}
