package dev.realtime.cluster;

import dev.realtime.engineio.Ids;
import dev.realtime.socketio.Broadcast;
import dev.realtime.socketio.BroadcastTarget;
import dev.realtime.socketio.InMemoryRoomAdapter;
import dev.realtime.socketio.Namespace;
import dev.realtime.socketio.RoomAdapter;
import dev.realtime.socketio.SocketDetails;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rooms of one namespace across the nodes sharing a Redis, on the wire of Node's {@code @socket.io/redis-adapter}
 * 8.x (classic pub/sub), so Node servers and {@code @socket.io/redis-emitter} take part. Membership stays local;
 * each broadcast is delivered here and published once. Operations are applied here at once and the echo of our own
 * is skipped. Limits: acknowledgements of serverSideEmit are never sent (Node peers asking for one time out), the
 * legacy per-socket join/leave requests of 7.x peers are ignored, and a socket's {@code data} is always empty.
 */
public final class RedisRoomAdapter implements RoomAdapter {

    private static final Logger log = LoggerFactory.getLogger(RedisRoomAdapter.class);

    private final Namespace namespace;
    private final RedisNode node;
    private final InMemoryRoomAdapter local;
    private final ClusterChannels channels;
    private final PendingRequests pending;
    private final IncomingRequests incoming;
    private final JsonMapper mapper;

    RedisRoomAdapter(Namespace namespace, RedisNode node) {
        this.namespace = namespace;
        this.node = node;
        this.local = new InMemoryRoomAdapter(namespace);
        this.channels = ClusterChannels.of(node.prefix(), namespace.name(), node.uid());
        this.pending = new PendingRequests(node);
        this.mapper = node.mapper();
        this.incoming = new IncomingRequests(namespace, local, this, mapper);
    }

    ClusterChannels channels() {
        return channels;
    }

    @Override
    public void join(String socketId, Set<String> rooms) {
        local.join(socketId, rooms);
    }

    @Override
    public void leave(String socketId, String room) {
        local.leave(socketId, room);
    }

    @Override
    public void leaveAll(String socketId) {
        local.leaveAll(socketId);
    }

    @Override
    public Set<String> rooms(String socketId) {
        return local.rooms(socketId);
    }

    @Override
    public int roomCount() {
        return local.roomCount();
    }

    @Override
    public Set<String> sockets(BroadcastTarget target) {
        return local.sockets(target);
    }

    @Override
    public void broadcast(Broadcast broadcast) {
        if (!broadcast.flags().local()) {
            ObjectNode packet = mapper.createObjectNode().put("type", 2);
            packet.set("data", broadcast.data());
            packet.put("nsp", namespace.name());
            ObjectNode opts = Envelopes.target(mapper, broadcast.target());
            opts.putObject("flags").put("volatile", broadcast.flags().volatileDelivery())
                    .put("compress", broadcast.flags().compress());
            ArrayNode envelope = mapper.createArrayNode().add(node.uid()).add(packet).add(opts);
            publish(channels.broadcastTo(broadcast.target().rooms()), MsgPack.encode(envelope));
        }
        local.broadcast(broadcast);
    }

    @Override
    public void socketsJoin(BroadcastTarget target, Set<String> rooms) {
        local.socketsJoin(target, rooms);
        publishJson(channels.request(), request(2, target).set("rooms", strings(rooms)));
    }

    @Override
    public void socketsLeave(BroadcastTarget target, Set<String> rooms) {
        local.socketsLeave(target, rooms);
        publishJson(channels.request(), request(3, target).set("rooms", strings(rooms)));
    }

    @Override
    public void disconnectSockets(BroadcastTarget target, boolean close) {
        local.disconnectSockets(target, close);
        publishJson(channels.request(), request(4, target).put("close", close));
    }

    @Override
    public CompletableFuture<List<SocketDetails>> fetchSockets(BroadcastTarget target) {
        List<SocketDetails> mine = local.localSockets(target);
        return query(5, target, "fetchSockets", "sockets", mine, Envelopes::socketDetails);
    }

    @Override
    public CompletableFuture<Set<String>> allRooms() {
        return query(1, null, "allRooms", "rooms", local.localRooms(), JsonNode::asString)
                .thenApply(Set::copyOf);
    }

    @Override
    public void serverSideEmit(String event, List<JsonNode> args) {
        ArrayNode data = mapper.createArrayNode().add(event).addAll(args);
        ObjectNode request = mapper.createObjectNode().put("uid", node.uid()).put("type", 6);
        publishJson(channels.request(), request.set("data", data));
    }

    /** A message on this namespace's broadcast pattern, from another node or an emitter. */
    void onBroadcast(String channel, byte[] message) {
        String room = channels.roomOf(channel);
        // The room part is only a hint: a broadcast to a room with no member here is not even decoded.
        if (room == null || !room.isEmpty() && !local.hasRoom(room)) {
            return;
        }
        try {
            JsonNode envelope = MsgPack.decode(message);
            if (node.uid().equals(envelope.path(0).asString(""))) {
                return;
            }
            JsonNode packet = envelope.path(1);
            if (!packet.path("nsp").asString("/").equals(namespace.name()) || !Envelopes.isEventData(packet.get("data"))) {
                return;
            }
            ArrayNode data = (ArrayNode) packet.get("data");
            local.deliver(data.get(0).asString(), namespace.encodeBroadcast(data), Envelopes.target(envelope.path(2)),
                    Envelopes.flags(envelope.path(2)));
        } catch (RuntimeException e) {
            log.debug("dropped a malformed broadcast on {}: {}", channel, e.getMessage());
        }
    }

    /** A message on the request channel or one of the response channels. */
    void onRequestOrResponse(String channel, byte[] message) {
        JsonNode body;
        try {
            body = message.length > 0 && message[0] == '{' ? mapper.readTree(message) : MsgPack.decode(message);
        } catch (RuntimeException e) {
            log.debug("dropped a malformed message on {}: {}", channel, e.getMessage());
            return;
        }
        if (channel.equals(channels.request())) {
            String requestId = body.path("requestId").asString(null);
            if (!pending.isOwn(requestId) && !node.uid().equals(body.path("uid").asString(null))) {
                incoming.handle(body);
            }
        } else {
            pending.onAnswer(body.path("requestId").asString(null), body);
        }
    }

    void respond(ObjectNode response) {
        publishJson(channels.response(), response);
    }

    void respondPacked(ObjectNode response) {
        publish(channels.response(), MsgPack.encode(response));
    }

    private <T> CompletableFuture<List<T>> query(int type, BroadcastTarget target, String what, String field,
                                                 Collection<T> mine, Function<JsonNode, T> item) {
        return node.subscribers(channels.request()).thenCompose(subscribers -> {
            if (subscribers <= 1) {
                return CompletableFuture.completedFuture(List.copyOf(mine));
            }
            String requestId = Ids.random();
            ObjectNode request = target == null
                    ? mapper.createObjectNode().put("uid", node.uid()).put("type", type)
                    : request(type, target);
            request.put("requestId", requestId);
            CompletableFuture<List<JsonNode>> answers =
                    pending.expect(requestId, Math.toIntExact(subscribers - 1), what);
            publishJson(channels.request(), request).exceptionally(error -> {
                pending.fail(requestId, error);
                return null;
            });
            return answers.thenApply(list -> {
                List<T> all = new ArrayList<>(mine);
                list.forEach(answer -> answer.path(field).values().forEach(value -> all.add(item.apply(value))));
                return all;
            });
        });
    }

    private ObjectNode request(int type, BroadcastTarget target) {
        ObjectNode request = mapper.createObjectNode().put("uid", node.uid()).put("type", type);
        request.set("opts", Envelopes.target(mapper, target));
        return request;
    }

    private ArrayNode strings(Collection<String> values) {
        ArrayNode array = mapper.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private CompletableFuture<Long> publishJson(String channel, ObjectNode body) {
        return publish(channel, mapper.writeValueAsBytes(body));
    }

    // A lost publish is lost (at most once); the link's state is logged once by the node, not per message.
    private CompletableFuture<Long> publish(String channel, byte[] message) {
        return node.publish(channel, message).whenComplete((receivers, error) -> {
            if (error != null) {
                log.debug("publish on {} failed: {}", channel, error.getMessage());
            }
        });
    }
}
