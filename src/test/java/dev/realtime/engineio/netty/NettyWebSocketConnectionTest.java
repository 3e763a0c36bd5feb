package dev.realtime.engineio.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.engineio.EnginePacket;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
    void send_fromAnotherThreadThenFromTheEventLoop_framesLeaveInSendOrder() {
        CompletableFuture.runAsync(() -> connection.send(List.of(EnginePacket.message("first")), 1_000)).join();

        connection.send(List.of(EnginePacket.message("second")), 1_000);
        channel.runPendingTasks();

        assertThat(texts()).containsExactly("4first", "4second");
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
        ((TextWebSocketFrame) first).release();
        ((CloseWebSocketFrame) second).release();
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
