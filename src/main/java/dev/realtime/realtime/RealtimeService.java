package dev.realtime.realtime;

import dev.realtime.messages.Message;
import dev.realtime.socketio.BroadcastOperator;
import dev.realtime.socketio.Namespace;
import dev.realtime.socketio.SocketIoServer;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.function.BiConsumer;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Sends realtime events to rooms: {@code chat:{chatId}} holds the sockets that joined a chat, {@code user:{userId}}
 * every socket of a user. Other modules call this instead of touching Socket.IO. Each broadcast is encoded once.
 */
@Service
public class RealtimeService {

    public record MessagePayload(Message message) {
    }

    public record TypingPayload(String chatId, String userId) {
    }

    public record PresenceOnline(String userId, String status) {
    }

    public record PresenceOffline(String userId, OffsetDateTime lastSeenAt) {
    }

    private final Namespace sockets;

    RealtimeService(SocketIoServer io) {
        this.sockets = io.sockets();
    }

    /** Tells the other nodes of the cluster (none on a single node); see {@link #onClusterEvent}. */
    public void emitToCluster(String event, Object... args) {
        sockets.serverSideEmit(event, args);
    }

    /** Hears what other nodes send with {@link #emitToCluster}: the event's name and its arguments. */
    public void onClusterEvent(BiConsumer<String, List<JsonNode>> listener) {
        sockets.onServerSideEmit(listener);
    }

    public static String chatRoom(String chatId) {
        return "chat:" + chatId;
    }

    public static String userRoom(String userId) {
        return "user:" + userId;
    }

    /** {@code message:new {message}} to everyone in the chat's room. */
    public void emitMessage(Message message) {
        broadcastToChat(message.chatId(), "message:new", new MessagePayload(message));
    }

    /** {@code typing:start|typing:stop {chatId, userId}} to the chat's room, except the typer's own sockets. */
    public void emitTyping(String chatId, String userId, boolean isTyping) {
        sockets.to(chatRoom(chatId)).except(userRoom(userId))
                .emit(isTyping ? "typing:start" : "typing:stop", new TypingPayload(chatId, userId));
    }

    /** {@code presence:online {userId, status}} to the given users (those who share a chat with the user). */
    public void emitPresenceUpdate(String userId, String status, Collection<String> audience) {
        emitToUsers(audience, "presence:online", new PresenceOnline(userId, status));
    }

    /** {@code presence:offline {userId, lastSeenAt}} to the given users. */
    public void emitPresenceOffline(String userId, OffsetDateTime lastSeenAt, Collection<String> audience) {
        emitToUsers(audience, "presence:offline", new PresenceOffline(userId, lastSeenAt));
    }

    /** Puts every socket of the user, on every node, into the chat's room. */
    public void joinChatRoom(String userId, String chatId) {
        sockets.to(userRoom(userId)).socketsJoin(chatRoom(chatId));
    }

    /** Takes every socket of the user, on every node, out of the chat's room. */
    public void leaveChatRoom(String userId, String chatId) {
        sockets.to(userRoom(userId)).socketsLeave(chatRoom(chatId));
    }

    /**
     * Disconnects every socket of the user, on every node, as the server's decision ("io server disconnect": the
     * official clients do not reconnect by themselves then), closing connections that carry nothing else.
     */
    public void disconnectUser(String userId) {
        sockets.to(userRoom(userId)).disconnectSockets(true);
    }

    public void broadcastToChat(String chatId, String event, Object payload) {
        sockets.to(chatRoom(chatId)).emit(event, payload);
    }

    /** One event to every socket of each user, encoded once. */
    public void emitToUsers(Collection<String> userIds, String event, Object payload) {
        if (userIds.isEmpty()) {
            return;
        }
        BroadcastOperator target = null;
        for (String userId : userIds) {
            target = target == null ? sockets.to(userRoom(userId)) : target.to(userRoom(userId));
        }
        target.emit(event, payload);
    }
}
