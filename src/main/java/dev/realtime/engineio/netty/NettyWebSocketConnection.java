package dev.realtime.engineio.netty;

import dev.realtime.engineio.CloseStatus;
import dev.realtime.engineio.EnginePacket;
import dev.realtime.engineio.WebSocketConnection;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes Engine.IO packets to a WebSocket channel in exactly the order they were sent, from any thread.
 *
 * <p>Every frame goes through one queue that the channel's event loop drains, even when the sender is that event
 * loop: a direct write from the loop would overtake frames another thread had already queued. A drain writes all
 * that is queued and flushes once, so a burst costs one flush. Bytes queued or handed to Netty but not yet written
 * to the socket are counted, so a peer that stops reading hits the cap instead of filling memory. Never blocks.
 */
final class NettyWebSocketConnection implements WebSocketConnection {

    private final Channel channel;
    private final Queue<WebSocketFrame> outbound = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicLong unwritten = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    NettyWebSocketConnection(Channel channel) {
        this.channel = channel;
    }

    @Override
    public boolean send(List<EnginePacket> packets, long maxBufferedBytes) {
        long size = 0;
        for (EnginePacket packet : packets) {
            size += packet.frameBytes().length;
        }
        if (unwritten.get() + size > maxBufferedBytes) {
            return false;
        }
        if (closed.get()) {
            return true;
        }
        unwritten.addAndGet(size);
        for (EnginePacket packet : packets) {
            // The packet's bytes are shared by every recipient of a broadcast; wrapping them copies nothing.
            byte[] bytes = packet.frameBytes();
            outbound.add(packet.isBinary()
                    ? new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes))
                    : new TextWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
        }
        scheduleDrain();
        return true;
    }

    @Override
    public long bufferedBytes() {
        return unwritten.get();
    }

    @Override
    public void close(CloseStatus status) {
        if (closed.compareAndSet(false, true)) {
            // Only this method queues close frames, so the drain can tell the end of the queue by the frame's type.
            outbound.add(new CloseWebSocketFrame(status.code(), status.reason()));
            scheduleDrain();
        }
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(this::drain);
        }
    }

    private void drain() {
        // Cleared first: a frame queued from now on schedules another drain, so none is left behind.
        drainScheduled.set(false);
        WebSocketFrame frame;
        while ((frame = outbound.poll()) != null) {
            if (frame instanceof CloseWebSocketFrame close) {
                outbound.clear();
                if (!channel.isActive()) {
                    close.release();
                } else if (close.statusCode() == CloseStatus.GOING_AWAY.code()) {
                    // Shutting down, the connection ends without a close frame: OkHttp (the official Java and
                    // Android client) stops reading at a close frame and waits for its application to answer it,
                    // which the client never does, so it would take the server for alive until its ping timeout
                    // (45 s by default). Without the frame it sees the connection end at once, as a browser does,
                    // and reconnects; both only tell their application "transport close" or "transport error".
                    close.release();
                    channel.flush();
                    channel.close();
                } else {
                    channel.writeAndFlush(close).addListener(ChannelFutureListener.CLOSE);
                }
                return;
            }
            int length = frame.content().readableBytes();
            if (channel.isActive()) {
                channel.write(frame).addListener(future -> unwritten.addAndGet(-length));
            } else {
                frame.release();
                unwritten.addAndGet(-length);
            }
        }
        channel.flush();
    }
}
