package dev.realtime.system;

import dev.realtime.socketio.Namespace;
import dev.realtime.socketio.RoomAdapter;
import java.util.function.Function;

/**
 * What makes each namespace's room adapter on this node, as the cluster mode chose. Declared beside
 * SocketIoConfiguration, which needs it, so that cluster/ provides it without system/ depending on cluster/.
 */
public record RoomAdapters(Function<Namespace, RoomAdapter> factory) {
}
