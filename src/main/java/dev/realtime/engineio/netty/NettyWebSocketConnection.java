package dev.realtime.engineio.netty;

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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes Engine.IO packets straight to a WebSocket channel. Writes never block: from another thread Netty queues
 * them on the channel's event loop. The bytes handed to Netty but not yet written to the socket are counted, so a
 * peer that stops reading is detected by the cap instead of filling memory.
 */
final class NettyWebSocketConnection implements WebSocketConnection {

    private final Channel channel;
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
            byte[] bytes = packet.frameBytes();
            // The packet's bytes are shared by every recipient of a broadcast; wrapping them copies nothing.
            WebSocketFrame frame = packet.isBinary()
                    ? new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes))
                    : new TextWebSocketFrame(Unpooled.wrappedBuffer(bytes));
            channel.write(frame).addListener(future -> unwritten.addAndGet(-bytes.length));
        }
        channel.flush();
        return true;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && channel.isActive()) {
            channel.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
