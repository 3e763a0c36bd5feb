package dev.realtime.socketio;

import dev.realtime.engineio.EnginePacket;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;

/**
 * One event sent to many sockets: what another node needs to deliver it, and this node's encoding of it.
 *
 * @param data    the EVENT packet's data, {@code [event, ...args]}, binary values as BinaryNodes; never mutated
 * @param target  which sockets it reaches
 * @param flags   how it is delivered
 * @param packets {@code data} encoded once by this node; every local recipient is sent this same list
 */
public record Broadcast(ArrayNode data, BroadcastTarget target, BroadcastFlags flags, List<EnginePacket> packets) {

    public Broadcast {
        packets = List.copyOf(packets);
    }
}
