package dev.realtime.cluster;

import dev.realtime.socketio.BroadcastTarget;
import dev.realtime.socketio.InMemoryRoomAdapter;
import dev.realtime.socketio.Namespace;
import dev.realtime.socketio.Socket;
import dev.realtime.socketio.SocketDetails;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers the requests other nodes (Node servers, emitters, ours) publish on a namespace's request channel,
 * applied to this node's sockets. Every request that expects an answer gets one, even an empty one: Node peers
 * wait for as many answers as the channel has subscribers. Our own requests never get here.
 */
final class IncomingRequests {

    private static final Logger log = LoggerFactory.getLogger(IncomingRequests.class);
    private static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(5);

    private final Namespace namespace;
    private final InMemoryRoomAdapter local;
    private final RedisRoomAdapter adapter;
    private final JsonMapper mapper;

    IncomingRequests(Namespace namespace, InMemoryRoomAdapter local, RedisRoomAdapter adapter, JsonMapper mapper) {
        this.namespace = namespace;
        this.local = local;
        this.adapter = adapter;
        this.mapper = mapper;
    }

    void handle(JsonNode request) {
        String requestId = request.path("requestId").asString(null);
        BroadcastTarget target = Envelopes.target(request.path("opts"));
        switch (request.path("type").asInt(-1)) {
            case 0 -> answer(requestId, "sockets", ids(Envelopes.target(mapper.createObjectNode()
                    .set("rooms", request.path("rooms")))));
            case 1 -> answer(requestId, "rooms", strings(local.localRooms()));
            case 2 -> whenTargeted(request, () -> local.socketsJoin(target, Envelopes.names(request.path("rooms"))));
            case 3 -> whenTargeted(request, () -> local.socketsLeave(target, Envelopes.names(request.path("rooms"))));
            case 4 -> whenTargeted(request, () -> local.disconnectSockets(target, request.path("close").asBoolean()));
            case 5 -> answer(requestId, "sockets", details(local.localSockets(target)));
            case 6 -> serverSideEmit(request.path("data"));
            case 7 -> broadcastWithAck(requestId, request);
            default -> log.debug("ignored a request of unknown type {}", request.path("type"));
        }
    }

    // The legacy per-socket form ({sid, room}) of 7.x peers has no opts; it is not supported.
    private static void whenTargeted(JsonNode request, Runnable operation) {
        if (request.path("opts").isObject()) {
            operation.run();
        }
    }

    private void answer(String requestId, String field, ArrayNode values) {
        if (requestId != null) {
            ObjectNode response = mapper.createObjectNode().put("requestId", requestId);
            response.set(field, values);
            adapter.respond(response);
        }
    }

    private void serverSideEmit(JsonNode data) {
        if (Envelopes.isEventData(data)) {
            List<JsonNode> all = List.copyOf(data.values());
            namespace.receiveServerSideEmit(all.get(0).asString(), all.subList(1, all.size()));
        }
    }

    /** Emits to each local target and answers its count once, then each client's ack as it comes. */
    private void broadcastWithAck(String requestId, JsonNode request) {
        JsonNode data = request.path("packet").path("data");
        if (requestId == null || !Envelopes.isEventData(data)) {
            return;
        }
        JsonNode opts = request.path("opts");
        List<Socket> sockets = local.sockets(Envelopes.target(opts)).stream()
                .map(namespace::socket).filter(socket -> socket != null).toList();
        adapter.respond(mapper.createObjectNode().put("type", 8).put("requestId", requestId)
                .put("clientCount", sockets.size()));
        long timeoutMs = opts.path("flags").path("timeout").asLong(DEFAULT_ACK_TIMEOUT.toMillis());
        List<JsonNode> all = List.copyOf(data.values());
        Object[] args = all.subList(1, all.size()).toArray();
        for (Socket socket : sockets) {
            socket.emitWithAck(Duration.ofMillis(timeoutMs), all.get(0).asString(), args).thenAccept(ack -> {
                ObjectNode response = mapper.createObjectNode().put("type", 9).put("requestId", requestId);
                response.set("packet", ack.isEmpty() ? mapper.nullNode() : ack.get(0));
                adapter.respondPacked(response);
            });
        }
    }

    private ArrayNode ids(BroadcastTarget target) {
        return strings(local.sockets(target));
    }

    private ArrayNode details(List<SocketDetails> sockets) {
        ArrayNode array = mapper.createArrayNode();
        sockets.forEach(socket -> array.add(Envelopes.socketDetails(mapper, socket)));
        return array;
    }

    private ArrayNode strings(Iterable<String> values) {
        ArrayNode array = mapper.createArrayNode();
        values.forEach(array::add);
        return array;
    }
}
