package dev.realtime.engineio.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtime.engineio.CloseStatus;
import dev.realtime.engineio.EnginePacket;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NettyWebSocketConnectionTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final NettyWebSocketConnection connection = new NettyWebSocketConnection(channel);

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void send_fromAnotherThreadThenFromTheEventLoop_framesLeaveInSendOrder() throws Exception {
        try (LocalPair pair = new LocalPair()) {
            NettyWebSocketConnection real = new NettyWebSocketConnection(pair.client);
            CountDownLatch loopBusy = new CountDownLatch(1);
            AtomicBoolean release = new AtomicBoolean();
            AtomicLong busy = new AtomicLong();
            pair.client.eventLoop().execute(() -> {
                loopBusy.countDown();
                // Holds the loop without a blocking call (BlockHound watches event loops) until "first" is queued.
                while (!release.get()) {
                    busy.incrementAndGet();
                }
                real.send(List.of(EnginePacket.message("second")), 1_000);
            });
            loopBusy.await();

            real.send(List.of(EnginePacket.message("first")), 1_000);
            release.set(true);

            assertThat(pair.received(2)).containsExactly("4first", "4second");
        }
    }

    /** A client channel on its own event loop, connected in-process to a server that records text frames. */
    private static final class LocalPair implements AutoCloseable {
        private final EventLoopGroup group = new DefaultEventLoopGroup(1);
        // Non-blocking: the event loop adds to it, and BlockHound forbids a lock that might park there.
        private final Queue<String> texts = new ConcurrentLinkedQueue<>();
        private final Channel server;
        private final Channel client;

        LocalPair() throws InterruptedException {
            LocalAddress address = new LocalAddress("ws-order-" + System.nanoTime());
            server = new ServerBootstrap().group(group).channel(LocalServerChannel.class)
                    .childHandler(new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
                            texts.add(frame.text());
                        }
                    })
                    .bind(address).sync().channel();
            client = new Bootstrap().group(group).channel(LocalChannel.class)
                    .handler(new ChannelInboundHandlerAdapter())
                    .connect(address).sync().channel();
        }

        List<String> received(int count) {
            await().atMost(Duration.ofSeconds(5)).until(() -> texts.size() >= count);
            return List.copyOf(texts);
        }

        @Override
        public void close() {
            client.close().syncUninterruptibly();
            server.close().syncUninterruptibly();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void send_overTheCapOfUnwrittenBytes_refusedAndNothingQueued() {
        connection.send(List.of(EnginePacket.message("x".repeat(60))), 100);

        boolean accepted = connection.send(List.of(EnginePacket.message("y".repeat(60))), 100);
        channel.runPendingTasks();

        assertThat(accepted).isFalse();
        assertThat(texts()).containsExactly("4" + "x".repeat(60));
    }

    @Test
    void close_afterQueuedFrames_framesThenCloseFrame() {
        connection.send(List.of(EnginePacket.message("last words")), 1_000);

        connection.close();
        channel.runPendingTasks();

        Object first = channel.readOutbound();
        Object second = channel.readOutbound();
        assertThat(((TextWebSocketFrame) first).text()).isEqualTo("4last words");
        assertThat(second).isInstanceOf(CloseWebSocketFrame.class);
        assertThat(((CloseWebSocketFrame) second).statusCode()).isEqualTo(1000);
        ((TextWebSocketFrame) first).release();
        ((CloseWebSocketFrame) second).release();
    }

    @Test
    void close_withStatusThenAgain_frameCarriesFirstStatusAndReason() {
        connection.close(CloseStatus.protocolError("invalid payload for EVENT"));
        connection.close(CloseStatus.NORMAL);
        channel.runPendingTasks();

        CloseWebSocketFrame frame = channel.readOutbound();
        assertThat(frame.statusCode()).isEqualTo(1002);
        assertThat(frame.reasonText()).isEqualTo("invalid payload for EVENT");
        assertThat((Object) channel.readOutbound()).isNull();
        frame.release();
    }

    private List<String> texts() {
        List<String> texts = new ArrayList<>();
        TextWebSocketFrame frame;
        while ((frame = channel.readOutbound()) != null) {
            texts.add(frame.text());
            frame.release();
        }
        return texts;
    }
}
