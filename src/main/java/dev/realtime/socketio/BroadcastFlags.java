package dev.realtime.socketio;

/**
 * How a broadcast is delivered, as Socket.IO's broadcast flags.
 *
 * @param local            this node's sockets only: the broadcast is not forwarded to other nodes
 * @param volatileDelivery the sender accepts that slow clients miss it: left out for a socket whose peer is far behind
 * @param compress         the sender's compression wish; forwarded for Node peers, not acted on here
 */
public record BroadcastFlags(boolean local, boolean volatileDelivery, boolean compress) {

    public static final BroadcastFlags NONE = new BroadcastFlags(false, false, false);

    public BroadcastFlags withVolatileDelivery() {
        return new BroadcastFlags(local, true, compress);
    }
}
