package dev.realtime.engineio;

import java.util.List;

/** The outbound side of one WebSocket, as the I/O layer provides it. Methods must not block and are thread-safe. */
public interface WebSocketConnection {

    /**
     * Writes the packets in order, one frame each.
     *
     * @return false when the bytes not yet written to the socket would exceed {@code maxBufferedBytes}; nothing is
     *         written then
     */
    boolean send(List<EnginePacket> packets, long maxBufferedBytes);

    /** Sends a close frame after what was already written, then closes. */
    void close();
}
