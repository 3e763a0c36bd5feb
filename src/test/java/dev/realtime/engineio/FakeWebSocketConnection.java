package dev.realtime.engineio;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory WebSocket: records every frame the server writes and every close; can play a peer that stopped reading. */
final class FakeWebSocketConnection implements WebSocketConnection {

    private final List<EnginePacket> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger closes = new AtomicInteger();
    private volatile CloseStatus firstCloseStatus;
    private volatile boolean full;
    private volatile long buffered;

    @Override
    public boolean send(List<EnginePacket> packets, long maxBufferedBytes) {
        if (full) {
            return false;
        }
        sent.addAll(packets);
        return true;
    }

    @Override
    public long bufferedBytes() {
        return buffered;
    }

    @Override
    public void close(CloseStatus status) {
        if (closes.getAndIncrement() == 0) {
            firstCloseStatus = status;
        }
    }

    /** Plays a peer this many bytes behind. */
    void behindBy(long bytes) {
        buffered = bytes;
    }

    /** From now on every write is refused, as when the peer's unread bytes have reached the cap. */
    void fillBuffer() {
        full = true;
    }

    /** The text frames written so far, each as it went on the wire (type digit + text). */
    List<String> textFrames() {
        return sent.stream()
                .filter(packet -> !packet.isBinary())
                .map(packet -> new String(packet.frameBytes(), StandardCharsets.UTF_8))
                .toList();
    }

    List<EnginePacket> sent() {
        return List.copyOf(sent);
    }

    int closeCount() {
        return closes.get();
    }

    boolean isClosed() {
        return closes.get() > 0;
    }

    /** The status of the first close, the one a real connection sends; null while open. */
    CloseStatus closeStatus() {
        return firstCloseStatus;
    }
}
