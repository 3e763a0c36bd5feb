package dev.realtime.cluster;

import dev.realtime.socketio.Namespace;
import dev.realtime.socketio.RoomAdapter;
import java.util.function.Function;

/** What makes each namespace's room adapter on this node, as the cluster mode chose. */
public record RoomAdapters(Function<Namespace, RoomAdapter> factory) {
}
