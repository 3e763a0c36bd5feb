package dev.realtime.cluster;

import dev.realtime.socketio.BroadcastFlags;
import dev.realtime.socketio.BroadcastTarget;
import dev.realtime.socketio.SocketDetails;
import java.util.HashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The shapes the Node adapter puts in its messages, both ways. Reading is lenient: a missing list is empty. */
final class Envelopes {

    private Envelopes() {
    }

    /** {@code {rooms, except}} of a broadcast or request. */
    static ObjectNode target(JsonMapper mapper, BroadcastTarget target) {
        ObjectNode opts = mapper.createObjectNode();
        ArrayNode rooms = opts.putArray("rooms");
        target.rooms().forEach(rooms::add);
        ArrayNode except = opts.putArray("except");
        target.except().forEach(except::add);
        return opts;
    }

    static BroadcastTarget target(JsonNode opts) {
        return new BroadcastTarget(names(opts.path("rooms")), names(opts.path("except")));
    }

    /** The {@code flags} of a broadcast's options; a Node peer sends them as socket.io's adapter does. */
    static BroadcastFlags flags(JsonNode opts) {
        JsonNode flags = opts.path("flags");
        return new BroadcastFlags(false, flags.path("volatile").asBoolean(false), flags.path("compress").asBoolean(false));
    }

    /** Room names; Node applications may use numbers, which JavaScript compares as their text. */
    static Set<String> names(JsonNode array) {
        Set<String> names = new HashSet<>();
        if (array.isArray()) {
            array.values().forEach(value -> names.add(value.isNumber() ? numberText(value) : value.asString()));
        }
        return names;
    }

    static boolean isEventData(JsonNode data) {
        return data != null && data.isArray() && !data.isEmpty() && data.get(0).isString();
    }

    static ObjectNode socketDetails(JsonMapper mapper, SocketDetails socket) {
        ObjectNode json = mapper.createObjectNode().put("id", socket.id());
        json.set("handshake", socket.handshake());
        ArrayNode rooms = json.putArray("rooms");
        socket.rooms().forEach(rooms::add);
        json.set("data", socket.data());
        return json;
    }

    static SocketDetails socketDetails(JsonNode json) {
        JsonNode handshake = json.path("handshake");
        return new SocketDetails(json.path("id").asString(""),
                handshake.isObject() ? (ObjectNode) handshake : JsonNodeFactory.instance.objectNode(),
                names(json.path("rooms")), json.has("data") ? json.get("data") : JsonNodeFactory.instance.objectNode());
    }

    private static String numberText(JsonNode number) {
        return number.isIntegralNumber() || number.doubleValue() != Math.rint(number.doubleValue())
                ? number.asString()
                : Long.toString((long) number.doubleValue());
    }
}
