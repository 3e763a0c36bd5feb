package dev.realtime.gateway;

import dev.realtime.chats.ChatMembership;
import dev.realtime.chats.ChatService;
import dev.realtime.messages.MessageService;
import dev.realtime.presence.PresenceService;
import dev.realtime.realtime.RealtimeService;
import dev.realtime.socketio.Namespace;
import dev.realtime.socketio.Socket;
import dev.realtime.socketio.SocketIoServer;
import dev.realtime.system.ApiException;
import dev.realtime.system.ErrorCode;
import dev.realtime.system.RateLimiter;
import dev.realtime.typing.TypingService;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The chat gateway on namespace "/": authenticates the handshake (a socket then lives as long as its token, see
 * {@link SocketTokens}), then maps client events onto the domain.
 * Every event is authorised when it is handled (membership is checked per event, not only at join), and a
 * socket's events are handled in the order they came.
 */
@Component
public class RealtimeGateway {

    static final String USER = "userId";
    private static final String QUEUE = "queue";

    /** One client event: does its work and returns the fields of the ok-ack. */
    @FunctionalInterface
    private interface Action {
        Mono<Map<String, Object>> handle(Socket socket, String userId, Payload payload);
    }

    private final SocketTokens tokens;
    private final SocketLimits limits;
    private final ChatService chats;
    private final ChatMembership membership;
    private final MessageService messages;
    private final TypingService typing;
    private final PresenceService presence;
    private final GatewayProperties properties;
    private final RateLimiter signals;
    private final GatewayReplies replies;
    // Events taken and not yet answered, over every socket: a drain waits for them.
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean draining;

    RealtimeGateway(SocketIoServer io, SocketTokens tokens, SocketLimits limits, ChatService chats,
                    ChatMembership membership, MessageService messages, TypingService typing, PresenceService presence,
                    GatewayProperties properties, GatewayReplies replies) {
        this.tokens = tokens;
        this.limits = limits;
        this.chats = chats;
        this.membership = membership;
        this.messages = messages;
        this.typing = typing;
        this.presence = presence;
        this.properties = properties;
        this.replies = replies;
        this.signals = new RateLimiter(properties.signalsPerSecond(), properties.signalBurst());
        Namespace namespace = io.sockets();
        namespace.use(tokens::authenticate)
                .use(limits::authorize)
                .onConnection(this::connected)
                .onDisconnect(this::disconnected);
        on(namespace, "auth:refresh", tokens::refresh);
        on(namespace, "chat:join", this::join);
        on(namespace, "chat:leave", this::leave);
        // Sends keep their order in their chat's write queue: a socket's next event need not wait for the commit
        // (its reply still waits for the earlier ones).
        pipelined(namespace, "message:send", this::send);
        on(namespace, "message:typing", this::typing);
        on(namespace, "presence:update", this::presenceUpdate);
        on(namespace, "message:read", (socket, user, p) -> position(user, p, true));
        on(namespace, "message:delivered", (socket, user, p) -> position(user, p, false));
        // A client waiting for an ack of an event nobody handles (a typo, an older server) hears why at once.
        namespace.onUnknownEvent((socket, event, args, ack) -> {
            if (limits.admitEvent(socket, event, ack) && ack.requested()) {
                replies.fail(socket, event, ack,
                        new ApiException(ErrorCode.NOT_FOUND, "unknown event '" + event + "'"));
            }
        });
    }

    // Presence failing (its Redis down) must not refuse the socket: the store logs that and writes the
    // connection again once it is back.
    private void connected(Socket socket) {
        if (!limits.connected(socket)) {
            return;
        }
        String userId = userOf(socket);
        tokens.connected(socket);
        socket.join(RealtimeService.userRoom(userId));
        presence.setOnline(userId, socket.id());
    }

    // When presence cannot tell whether the user is still connected elsewhere, typing is left to time out.
    private void disconnected(Socket socket, String reason) {
        limits.disconnected(socket);
        tokens.disconnected(socket);
        String userId = userOf(socket);
        presence.setOffline(userId, socket.id()).thenAccept(connected -> {
            if (!connected) {
                typing.clearTyping(userId);
            }
        });
    }

    private Mono<Map<String, Object>> join(Socket socket, String userId, Payload payload) {
        String chatId = payload.requiredText("chatId");
        Long lastSeq = payload.optionalLong("lastSeq");
        if (lastSeq != null && lastSeq < 0) {
            throw ApiException.invalid("lastSeq", "must be >= 0");
        }
        String room = RealtimeService.chatRoom(chatId);
        limits.requireRoomForChat(socket, room);
        return chats.get(userId, chatId).flatMap(chat -> {
            // Joined before the catch-up is read, so a message stored in between arrives live or in the page.
            socket.join(room);
            // Membership is read again now that the socket is in the room: a removal that committed after the first
            // read found no socket to take out, and this read sees it. The catch-up read checks it as well.
            Mono<Map<String, Object>> answer = lastSeq == null
                    ? chats.get(userId, chatId).map(again -> Map.<String, Object>of("chatId", chatId))
                    : messages.history(userId, chatId, lastSeq, null, properties.catchUpLimit())
                            .map(page -> Map.<String, Object>of("chatId", chatId, "messages", page.items(),
                                    "hasMore", page.hasMore()));
            return answer.doOnError(error -> socket.leave(room));
        });
    }

    private Mono<Map<String, Object>> leave(Socket socket, String userId, Payload payload) {
        String chatId = payload.requiredText("chatId");
        socket.leave(RealtimeService.chatRoom(chatId));
        return Mono.just(Map.of("chatId", chatId));
    }

    private Mono<Map<String, Object>> send(Socket socket, String userId, Payload payload) {
        String chatId = payload.requiredText("chatId");
        return messages.send(userId, chatId, payload.optionalText("text"), payload.optionalText("clientMessageId"))
                // The message is stored whatever typing does: typing that cannot be stopped now expires by itself.
                .flatMap(sent -> Mono.fromFuture(typing.stopTyping(userId, chatId))
                        .onErrorResume(error -> Mono.just(false))
                        .thenReturn(Map.of("message", sent.value())));
    }

    private Mono<Map<String, Object>> typing(Socket socket, String userId, Payload payload) {
        String chatId = payload.requiredText("chatId");
        boolean isTyping = payload.requiredBoolean("isTyping");
        limitSignals(socket);
        return membership.isMember(chatId, userId).flatMap(member -> {
            if (!member) {
                return Mono.error(ApiException.forbidden("not a member of this chat"));
            }
            return Mono.fromFuture(isTyping ? typing.startTyping(userId, chatId) : typing.stopTyping(userId, chatId))
                    .thenReturn(Map.of("chatId", chatId, "isTyping", isTyping));
        });
    }

    private Mono<Map<String, Object>> presenceUpdate(Socket socket, String userId, Payload payload) {
        String status = payload.requiredText("status");
        limitSignals(socket);
        // Acked once the store has it, so a client hears when the cluster's presence store could not take it.
        return Mono.fromFuture(() -> presence.updateStatus(userId, status))
                .onErrorMap(error -> !(error instanceof ApiException),
                        error -> new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "presence is unavailable, retry later"))
                .thenReturn(Map.of("status", status));
    }

    private Mono<Map<String, Object>> position(String userId, Payload payload, boolean read) {
        String chatId = payload.requiredText("chatId");
        long seq = payload.requiredLong("seq");
        return (read ? messages.markRead(userId, chatId, seq) : messages.markDelivered(userId, chatId, seq))
                .map(position -> Map.of("chatId", chatId, "position", position));
    }

    /** Typing and presence fan out to many sockets each: one socket may send only so many. */
    private void limitSignals(Socket socket) {
        if (!signals.tryAcquire(socket.id())) {
            throw new ApiException(ErrorCode.RATE_LIMITED, "too many typing or presence events, slow down");
        }
    }

    private void on(Namespace namespace, String event, Action action) {
        handle(namespace, event, action, false);
    }

    private void pipelined(Namespace namespace, String event, Action action) {
        handle(namespace, event, action, true);
    }

    private void handle(Namespace namespace, String event, Action action, boolean pipelined) {
        namespace.on(event, (socket, args, ack) -> {
            if (draining) {
                replies.fail(socket, event, ack, new ApiException(ErrorCode.SERVICE_UNAVAILABLE,
                        "server shutting down: send it again once reconnected"));
                return;
            }
            if (!limits.admitEvent(socket, event, ack)) {
                return;
            }
            // Made on first use: an event may be handled before the connection listener has run.
            SerialQueue queue = (SerialQueue) socket.attributes().computeIfAbsent(QUEUE,
                    key -> new SerialQueue(properties.pendingPerSocket(), inFlight));
            Supplier<Mono<Runnable>> task = () -> Mono
                    .defer(() -> action.handle(socket, userOf(socket), Payload.of(args)))
                    .<Runnable>map(fields -> () -> replies.ok(ack, fields))
                    .onErrorResume(error -> Mono.just(() -> replies.fail(socket, event, ack, error)));
            if (!(pipelined ? queue.submitPipelined(task) : queue.submit(task))) {
                replies.fail(socket, event, ack,
                        new ApiException(ErrorCode.RATE_LIMITED, "too many events waiting, slow down"));
            }
        });
    }

    /**
     * Shutdown: from now on events are refused with SERVICE_UNAVAILABLE (the client sends them again once it has
     * reconnected, to another node); those already taken are still handled and answered.
     */
    public void drain() {
        draining = true;
    }

    /** Undoes {@link #drain}: a server stopped and started again handles events again. */
    public void resume() {
        draining = false;
    }

    /** Events taken and not yet answered. */
    public int inFlight() {
        return inFlight.get();
    }

    static String userOf(Socket socket) {
        return (String) socket.attributes().get(USER);
    }

}
