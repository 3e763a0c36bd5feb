package dev.realtime.engineio;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where a session's packets go, and the one place they are written: its polling queue (answering a parked poll at
 * once) until an upgrade, then its WebSocket. Guarded by the session's lock, so packets leave in the order of the
 * calls that sent them; a poll it hands back is answered by the caller once the lock is released.
 *
 * <p>Two marks keep a slow peer from filling memory. Past the soft mark (a quarter of the cap) packets sent as
 * droppable (typing, presence: the next one supersedes them) are dropped, so the room left goes to what must arrive.
 * Past the cap nothing is dropped: the write is refused and the session closed, so the client reconnects and
 * catches up instead of silently missing a message.
 */
final class Outbound {

    private final long maxBufferedBytes;
    private final long dropMark;
    private PollingBuffer polling;
    // Read without the lock: inbound frames use it to tell the session's own WebSocket from a probe.
    private volatile WebSocketConnection websocket;

    /** @param websocket the session's WebSocket, or null for a session that opens on polling */
    Outbound(WebSocketConnection websocket, long maxBufferedBytes) {
        this.maxBufferedBytes = maxBufferedBytes;
        this.dropMark = maxBufferedBytes / 4;
        this.websocket = websocket;
        this.polling = websocket == null ? new PollingBuffer() : null;
    }

    /**
     * What a write leaves to do outside the lock.
     *
     * @param fitted   false when the packets went over the session's outbound cap; nothing was written then
     * @param dropped  true when droppable packets were left out past the soft mark; nothing was written then
     * @param answered the parked poll the packets answer, or null
     * @param payload  the body to answer it with
     */
    record Written(boolean fitted, boolean dropped, CompletableFuture<String> answered, String payload) {

        static final Written FITTED = new Written(true, false, null, null);
        static final Written DROPPED = new Written(true, true, null, null);
        static final Written OVERFLOW = new Written(false, false, null, null);

        void answerPoll() {
            if (answered != null) {
                answered.complete(payload);
            }
        }
    }

    /** @param droppable whether the packets may be left out when the peer is past the soft mark */
    Written write(List<EnginePacket> packets, boolean droppable) {
        if (droppable && bufferedBytes() > dropMark) {
            return Written.DROPPED;
        }
        if (websocket != null) {
            return websocket.send(packets, maxBufferedBytes) ? Written.FITTED : Written.OVERFLOW;
        }
        if (!polling.offer(packets, maxBufferedBytes)) {
            return Written.OVERFLOW;
        }
        if (!polling.hasParked()) {
            return Written.FITTED;
        }
        CompletableFuture<String> parked = polling.unpark();
        return new Written(true, false, parked, polling.drainPayload());
    }

    /**
     * Moves the session to {@code connection}. What polling had queued is written to it first, and since the caller
     * holds the lock throughout, nothing sent meanwhile can overtake it. Any parked poll must be taken before.
     *
     * @return false when what polling had queued went over the outbound cap of the WebSocket
     */
    boolean switchTo(WebSocketConnection connection) {
        List<EnginePacket> pending = polling.drain();
        polling = null;
        websocket = connection;
        return pending.isEmpty() || connection.send(pending, maxBufferedBytes);
    }

    private long bufferedBytes() {
        return websocket != null ? websocket.bufferedBytes() : polling.queuedBytes();
    }

    /** The polling queue, or null once the session is on WebSocket. */
    PollingBuffer polling() {
        return polling;
    }

    /** The session's WebSocket, or null while it is on polling. */
    WebSocketConnection websocket() {
        return websocket;
    }
}
