package dev.realtime.gateway;

import dev.realtime.auth.Authenticator;
import dev.realtime.engineio.EngineMetrics;
import dev.realtime.realtime.RealtimeService;
import dev.realtime.socketio.Ack;
import dev.realtime.socketio.ConnectError;
import dev.realtime.socketio.Middleware;
import dev.realtime.socketio.Socket;
import dev.realtime.socketio.SocketIoServer;
import dev.realtime.system.ApiException;
import dev.realtime.system.ErrorCode;
import dev.realtime.system.LimitsProperties;
import dev.realtime.system.RateLimiter;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What one socket, and one user's sockets on this node, may do ({@code realtime.limits.*}): events per second
 * (every event name, handled or not), connections per user, chats joined per socket. Each refusal has one method
 * here. The warm-up's loopback client, which the authenticator admits, is exempt: it opens more connections and
 * sends faster than any user may, by design.
 */
@Component
class SocketLimits {

    /** Told to a socket just before the server disconnects it for going over a limit. */
    static final String DISCONNECT = "limit:disconnect";
    private static final String REFUSALS = "eventRefusals";
    private static final String EXEMPT = "limitsExempt";
    private static final String CHAT_ROOMS = RealtimeService.chatRoom("");

    /** What {@code limit:disconnect} carries: the error shape of acks. */
    record Disconnect(String code, String message) {
    }

    private final LimitsProperties limits;
    private final Authenticator authenticator;
    private final RateLimiter events;
    private final ConnectionCounts connections = new ConnectionCounts();
    private final GatewayReplies replies;
    private final EngineMetrics metrics;

    SocketLimits(LimitsProperties limits, Authenticator authenticator, GatewayReplies replies, SocketIoServer io) {
        this.limits = limits;
        this.authenticator = authenticator;
        this.replies = replies;
        // Refusals without an error ack (those are counted where acks are sent).
        this.metrics = io.engine().metrics();
        this.events = new RateLimiter(limits.eventsPerSecond(), limits.eventsBurst());
    }

    /** Handshake middleware, after the token's: a user with connections-per-user sockets here gets no other. */
    void authorize(Socket socket, Middleware.Next next) {
        String userId = RealtimeGateway.userOf(socket);
        if (authenticator.isAdmitted(userId)) {
            socket.attributes().put(EXEMPT, Boolean.TRUE);
        } else if (connections.of(userId) >= limits.connectionsPerUser()) {
            next.reject(refuseConnection());
            return;
        }
        next.proceed();
    }

    /**
     * Connects that passed the check together may go over: the ones that do are disconnected, so the bound holds.
     *
     * @return false when the socket was disconnected
     */
    boolean connected(Socket socket) {
        if (!exempt(socket) && connections.opened(RealtimeGateway.userOf(socket)) > limits.connectionsPerUser()) {
            disconnectOverConnections(socket);
            return false;
        }
        return true;
    }

    void disconnected(Socket socket) {
        if (!exempt(socket)) {
            connections.closed(RealtimeGateway.userOf(socket));
        }
    }

    /**
     * Spends one of the socket's event tokens, for any event it sends.
     *
     * @return false when the event is refused: the client has been answered (and maybe disconnected)
     */
    boolean admitEvent(Socket socket, String event, Ack ack) {
        if (exempt(socket) || events.tryAcquire(socket.id())) {
            return true;
        }
        refuseEvent(socket, event, ack);
        return false;
    }

    /** {@code chat:join}: a socket in chats-per-socket chats joins no other until it leaves one (a re-join is fine). */
    void requireRoomForChat(Socket socket, String room) {
        Set<String> rooms = socket.rooms();
        if (!rooms.contains(room)
                && rooms.stream().filter(joined -> joined.startsWith(CHAT_ROOMS)).count() >= limits.chatsPerSocket()) {
            throw refuseChat();
        }
    }

    private ConnectError refuseConnection() {
        metrics.rateLimited();
        String message = "too many connections of this user (" + limits.connectionsPerUser()
                + " on this server), close one first";
        return new ConnectError("too many connections", new GatewayReplies.Error(ErrorCode.RATE_LIMITED.name(),
                message));
    }

    private void disconnectOverConnections(Socket socket) {
        metrics.rateLimited();
        disconnect(socket, "too many connections of this user (" + limits.connectionsPerUser()
                + " on this server), disconnected");
    }

    private void refuseEvent(Socket socket, String event, Ack ack) {
        replies.fail(socket, event, ack,
                new ApiException(ErrorCode.RATE_LIMITED, "too many events from this socket, slow down"));
        RefusalWindow window = (RefusalWindow) socket.attributes().computeIfAbsent(REFUSALS,
                key -> new RefusalWindow(limits.eventsRefusedBeforeDisconnect(), limits.eventsRefusalWindow().toNanos()));
        if (window.refuse(System.nanoTime())) {
            disconnectAbusive(socket);
        }
    }

    private void disconnectAbusive(Socket socket) {
        metrics.rateLimited();
        disconnect(socket, "more than " + limits.eventsRefusedBeforeDisconnect() + " events refused within "
                + limits.eventsRefusalWindow().toSeconds() + "s, disconnected");
    }

    private ApiException refuseChat() {
        return ApiException.invalid("chatId", "this socket is in " + limits.chatsPerSocket()
                + " chats, the most it may join; leave one first");
    }

    /** Like an expired token's: the reason first, then "io server disconnect", so the client does not reconnect. */
    private static void disconnect(Socket socket, String message) {
        socket.emit(DISCONNECT, new Disconnect(ErrorCode.RATE_LIMITED.name(), message));
        socket.disconnect();
    }

    private static boolean exempt(Socket socket) {
        return socket.attributes().containsKey(EXEMPT);
    }
}
