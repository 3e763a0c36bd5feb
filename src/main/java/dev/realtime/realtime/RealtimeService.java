package dev.realtime.realtime;

import dev.realtime.chats.Chat;
import dev.realtime.messages.Message;
import dev.realtime.messages.ReceiptStatus;
import dev.realtime.presence.PresenceStatus;
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
 * Every server-to-client event of the domain leaves through one method here, named after it, with its payload
 * record below: clients depend on these names and shapes, so they are kept where they can be read together.
 */
@Service
public class RealtimeService {

    private record MessagePayload(Message message) {
    }

    private record DeletedPayload(String chatId, String messageId, long seq) {
    }

    private record StatusPayload(String chatId, String userId, ReceiptStatus status, long seq) {
    }

    private record ChatPayload(Chat chat) {
    }

    private record TypingPayload(String chatId, String userId) {
    }

    private record PresenceOnline(String userId, PresenceStatus status) {
    }

    private record PresenceOffline(String userId, OffsetDateTime lastSeenAt) {
    }

    private final Namespace sockets;

    RealtimeService(SocketIoServer io) {
        this.sockets = io.sockets();
    }

    public static String chatRoom(String chatId) {
        return "chat:" + chatId;
    }

    public static String userRoom(String userId) {
        return "user:" + userId;
    }

    /** {@code message:new {message}} to everyone in the chat's room. */
    public void emitMessageNew(Message message) {
        toChat(message.chatId(), "message:new", new MessagePayload(message));
    }

    /** {@code message:updated {message}} to everyone in the chat's room. */
    public void emitMessageUpdated(Message message) {
        toChat(message.chatId(), "message:updated", new MessagePayload(message));
    }

    /** {@code message:deleted {chatId, messageId, seq}} to everyone in the chat's room. */
    public void emitMessageDeleted(String chatId, String messageId, long seq) {
        toChat(chatId, "message:deleted", new DeletedPayload(chatId, messageId, seq));
    }

    /** {@code message:status {chatId, userId, status, seq}} to the given users (the chat's members). */
    public void emitMessageStatus(String chatId, String userId, ReceiptStatus status, long seq,
                                  Collection<String> audience) {
        toUsers(audience, "message:status", new StatusPayload(chatId, userId, status, seq));
    }

    /** {@code chat:created {chat}} to the given users (every member, or one member added later). */
    public void emitChatCreated(Chat chat, Collection<String> audience) {
        toUsers(audience, "chat:created", new ChatPayload(chat));
    }

    /**
     * {@code chat:updated {chat}} to the given users: the chat as it is after its members or owner changed (the
     * remaining members, and a member who was removed, whose client can tell from {@code memberIds}).
     */
    public void emitChatUpdated(Chat chat, Collection<String> audience) {
        toUsers(audience, "chat:updated", new ChatPayload(chat));
    }

    /** {@code typing:start|typing:stop {chatId, userId}} to the chat's room, except the typer's own sockets. */
    public void emitTyping(String chatId, String userId, boolean isTyping) {
        // Volatile, like presence: a later typing event or presence change supersedes it, so a client far behind
        // loses nothing by missing it, and the room left in its outbound queue goes to messages.
        sockets.to(chatRoom(chatId)).except(userRoom(userId)).volatileDelivery()
                .emit(isTyping ? "typing:start" : "typing:stop", new TypingPayload(chatId, userId));
    }

    /** {@code presence:online {userId, status}} to the given users (those who share a chat with the user). */
    public void emitPresenceOnline(String userId, PresenceStatus status, Collection<String> audience) {
        toUsers(audience, "presence:online", new PresenceOnline(userId, status), true);
    }

    /** {@code presence:offline {userId, lastSeenAt}} to the given users. */
    public void emitPresenceOffline(String userId, OffsetDateTime lastSeenAt, Collection<String> audience) {
        toUsers(audience, "presence:offline", new PresenceOffline(userId, lastSeenAt), true);
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

    /** Tells the other nodes of the cluster (none on a single node); see {@link #onClusterEvent}. */
    public void emitToCluster(String event, Object... args) {
        sockets.serverSideEmit(event, args);
    }

    /** Hears what other nodes send with {@link #emitToCluster}: the event's name and its arguments. */
    public void onClusterEvent(BiConsumer<String, List<JsonNode>> listener) {
        sockets.onServerSideEmit(listener);
    }

    private void toChat(String chatId, String event, Object payload) {
        sockets.to(chatRoom(chatId)).emit(event, payload);
    }

    /** One event to every socket of each user, encoded once. */
    private void toUsers(Collection<String> userIds, String event, Object payload) {
        toUsers(userIds, event, payload, false);
    }

    private void toUsers(Collection<String> userIds, String event, Object payload, boolean droppable) {
        if (userIds.isEmpty()) {
            return;
        }
        BroadcastOperator target = null;
        for (String userId : userIds) {
            target = target == null ? sockets.to(userRoom(userId)) : target.to(userRoom(userId));
        }
        (droppable ? target.volatileDelivery() : target).emit(event, payload);
    }
}
