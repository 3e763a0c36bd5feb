package dev.realtime.engineio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EngineSessionWebSocketTest {

    private final EngineFixture engine = new EngineFixture(EngineOptions.defaults());

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void onText_webSocketSession_deliversTextAndBinary() {
        EngineFixture.WebSocketPeer peer = engine.openWebSocket();

        peer.inbound().onText("4hello");
        peer.inbound().onBinary(new byte[] {1, 2, 3, 4});
        peer.inbound().onText("4€uro");

        assertThat(engine.handler(peer.sid()).messages()).containsExactly("hello", "€uro");
        assertThat(engine.handler(peer.sid()).binaries()).singleElement()
                .satisfies(data -> assertThat(data).containsExactly(1, 2, 3, 4));
    }

    @Test
    void send_webSocketSession_writesFramesInOrder() {
        EngineFixture.WebSocketPeer peer = engine.openWebSocket();
        EngineSession session = engine.session(peer.sid());

        session.send(EnginePacket.message("one"));
        session.send(List.of(EnginePacket.message("two"), EnginePacket.binary(new byte[] {9})));

        List<EnginePacket> sent = peer.connection().sent();
        assertThat(sent.subList(1, sent.size())).extracting(EnginePacket::pollingSegment)
                .containsExactly("4one", "4two", "bCQ==");
    }

    @Test
    void onText_invalidFrame_closesSessionWithParseError() {
        EngineFixture.WebSocketPeer peer = engine.openWebSocket();

        peer.inbound().onText("abc");

        assertThat(peer.connection().closeStatus()).isEqualTo(CloseStatus.protocolError("unknown packet type 'a'"));
        assertThat(engine.server().sessionCount()).isZero();
        assertThat(engine.handler(peer.sid()).closeReasons()).containsExactly("parse error");
    }

    @Test
    void onInvalid_undecodableMessage_closesWithItsStatus() {
        EngineFixture.WebSocketPeer peer = engine.openWebSocket();

        peer.inbound().onInvalid(CloseStatus.invalidPayload("invalid UTF-8"));
        peer.inbound().onText("4after the close");

        assertThat(peer.connection().closeStatus()).isEqualTo(new CloseStatus(1007, "invalid UTF-8"));
        assertThat(engine.server().sessionCount()).isZero();
        assertThat(engine.handler(peer.sid()).closeReasons()).containsExactly("transport error: invalid UTF-8");
        assertThat(engine.handler(peer.sid()).messages()).isEmpty();
    }

    @Test
    void onText_closePacketThenSocketCloses_handlerToldOnceOfTransportClose() {
        EngineFixture.WebSocketPeer peer = engine.openWebSocket();

        peer.inbound().onText("1");
        peer.inbound().onClosed();

        assertThat(peer.connection().closeCount()).isEqualTo(1);
        assertThat(engine.server().sessionCount()).isZero();
        assertThat(engine.handler(peer.sid()).closeReasons()).containsExactly("transport close");
    }

    @Test
    void onClosed_webSocketGoesAway_closesSession() {
        EngineFixture.WebSocketPeer peer = engine.openWebSocket();

        peer.inbound().onClosed();

        assertThat(engine.server().sessionCount()).isZero();
        assertThat(engine.handler(peer.sid()).closeReasons()).containsExactly("transport close");
    }

    @Test
    void send_webSocketBufferFull_closesSession() {
        EngineFixture.WebSocketPeer peer = engine.openWebSocket();
        peer.connection().fillBuffer();

        engine.session(peer.sid()).send(EnginePacket.message("never written"));

        assertThat(peer.connection().closeStatus()).isEqualTo(CloseStatus.policyViolation("outbound buffer full"));
        assertThat(engine.server().sessionCount()).isZero();
        assertThat(engine.handler(peer.sid()).closeReasons()).containsExactly("transport error: outbound buffer full");
    }

    @Test
    void send_droppableWhilePeerPastSoftMark_leftOut_messagesStillWritten() {
        EngineFixture.WebSocketPeer peer = engine.openWebSocket();
        EngineSession session = engine.session(peer.sid());
        long softMark = engine.server().options().maxBufferedBytes() / 4;

        peer.connection().behindBy(softMark);
        session.send(List.of(EnginePacket.message("typing at the mark")), true);
        peer.connection().behindBy(softMark + 1);
        session.send(List.of(EnginePacket.message("typing past the mark")), true);
        session.send(EnginePacket.message("message past the mark"));

        assertThat(peer.connection().textFrames())
                .containsSubsequence("4typing at the mark", "4message past the mark")
                .doesNotContain("4typing past the mark");
        assertThat(engine.metrics().dropped.get()).isEqualTo(1);
        assertThat(session.isOpen()).isTrue();
    }

    @Test
    void close_webSocketSession_closesConnectionNormally() {
        EngineFixture.WebSocketPeer peer = engine.openWebSocket();

        engine.session(peer.sid()).close();

        assertThat(peer.connection().closeStatus()).isEqualTo(CloseStatus.NORMAL);
        assertThat(engine.server().sessionCount()).isZero();
        assertThat(engine.handler(peer.sid()).closeReasons()).containsExactly("forced close");
    }

    @Test
    void close_withStatus_webSocketClosedWithIt() {
        EngineFixture.WebSocketPeer peer = engine.openWebSocket();

        engine.session(peer.sid()).close(CloseStatus.policyViolation("over a limit"));

        assertThat(peer.connection().closeStatus()).isEqualTo(new CloseStatus(1008, "over a limit"));
        assertThat(engine.handler(peer.sid()).closeReasons()).containsExactly("forced close");
    }
}
