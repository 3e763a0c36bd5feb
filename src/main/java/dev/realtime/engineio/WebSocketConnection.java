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

    /** Bytes sent but not yet written to the socket: how far the peer is behind. */
    long bufferedBytes();

    /**
     * Sends a close frame with that status after what was already written, then closes. Only the first close of a
     * connection counts: the status the peer sees is that of the first decision to close it.
     */
    void close(CloseStatus status);

    /** Closes with status 1000 (normal closure). */
    default void close() {
        close(CloseStatus.NORMAL);
    }
}
