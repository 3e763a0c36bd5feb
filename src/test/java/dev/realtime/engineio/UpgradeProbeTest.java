package dev.realtime.engineio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UpgradeProbeTest {

    private final EngineFixture engine = new EngineFixture(EngineOptions.defaults());

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void probe_pingProbe_answeredWithPongProbeOnProbeConnection() {
        String sid = engine.openPolling();
        EngineFixture.WebSocketPeer probe = engine.probe(sid);

        probe.inbound().onText("2probe");

        assertThat(probe.connection().textFrames()).containsExactly("3probe");
        assertThat(engine.session(sid).transportName()).isEqualTo("polling");
    }

    @Test
    void probe_getParked_answersItWithNoop() {
        String sid = engine.openPolling();
        CompletableFuture<String> parked = engine.get(sid);
        EngineFixture.WebSocketPeer probe = engine.probe(sid);

        probe.inbound().onText("2probe");

        assertThat(parked).isCompletedWithValue("6");
    }

    @Test
    void probe_getAfterProbeAndNoUpgrade_releasedWithNoop() {
        String sid = engine.openPolling();
        EngineFixture.WebSocketPeer probe = engine.probe(sid);
        probe.inbound().onText("2probe");

        CompletableFuture<String> poll = engine.get(sid);

        await().until(poll::isDone);
        assertThat(poll).isCompletedWithValue("6");
        assertThat(engine.session(sid).transportName()).isEqualTo("polling");
    }

    @Test
    void probe_getAfterProbeWithPacketsQueued_answersPacketsAndNoop() {
        String sid = engine.openPolling();
        EngineFixture.WebSocketPeer probe = engine.probe(sid);
        probe.inbound().onText("2probe");
        engine.session(sid).send(EnginePacket.message("queued"));

        CompletableFuture<String> poll = engine.get(sid);

        assertThat(poll).isCompletedWithValue("4queued\u001e6");
    }

    @Test
    void upgrade_getArrivedDuringProbe_refusedWithBadRequest() {
        String sid = engine.openPolling();
        EngineFixture.WebSocketPeer probe = engine.probe(sid);
        probe.inbound().onText("2probe");
        CompletableFuture<String> overtaken = engine.get(sid);

        probe.inbound().onText("5");

        assertThatThrownBy(overtaken::join).cause().isInstanceOfSatisfying(PollRefusedException.class,
                refused -> assertThat(refused.error()).isEqualTo(EngineError.BAD_REQUEST));
        assertThat(engine.session(sid).transportName()).isEqualTo("websocket");
    }

    @Test
    void upgrade_completed_queuedPacketsGoToWebSocket() {
        String sid = engine.openPolling();
        CompletableFuture<String> parked = engine.get(sid);
        EngineFixture.WebSocketPeer probe = engine.probe(sid);
        probe.inbound().onText("2probe");
        EngineSession session = engine.session(sid);
        session.send(EnginePacket.message("queued"));

        probe.inbound().onText("5");
        session.send(EnginePacket.message("after"));

        assertThat(parked).isCompletedWithValue("6");
        assertThat(session.transportName()).isEqualTo("websocket");
        assertThat(probe.connection().textFrames()).containsExactly("3probe", "4queued", "4after");
    }

    @Test
    void upgrade_completed_webSocketCarriesInboundMessages() {
        String sid = engine.openPolling();
        EngineFixture.WebSocketPeer probe = upgraded(sid);

        probe.inbound().onText("4hello");
        probe.inbound().onBinary(new byte[] {1, 2});

        assertThat(engine.handler(sid).messages()).containsExactly("hello");
        assertThat(engine.handler(sid).binaries()).singleElement().satisfies(data -> assertThat(data).containsExactly(1, 2));
    }

    @Test
    void upgrade_completed_laterPollingRequestsRefused() {
        String sid = engine.openPolling();
        upgraded(sid);

        EngineError get = engine.refusedGet(sid);
        EngineError post = engine.refusedPost(sid, "4hello");

        assertThat(get).isEqualTo(EngineError.BAD_REQUEST);
        assertThat(post).isEqualTo(EngineError.BAD_REQUEST);
        assertThat(engine.session(sid).isOpen()).isTrue();
        assertThat(engine.handler(sid).messages()).isEmpty();
    }

    @Test
    void probe_secondWebSocketAfterUpgrade_closedAtOnce() {
        String sid = engine.openPolling();
        EngineFixture.WebSocketPeer first = upgraded(sid);

        EngineFixture.WebSocketPeer second = engine.probe(sid);
        second.inbound().onText("2probe");
        first.inbound().onText("4still here");

        assertThat(second.connection().isClosed()).isTrue();
        assertThat(second.connection().sent()).isEmpty();
        assertThat(first.connection().isClosed()).isFalse();
        assertThat(engine.handler(sid).messages()).containsExactly("still here");
    }

    @Test
    void probe_secondProbeWhileFirstPending_closedAtOnce() {
        String sid = engine.openPolling();
        EngineFixture.WebSocketPeer first = engine.probe(sid);

        EngineFixture.WebSocketPeer second = engine.probe(sid);

        assertThat(second.connection().isClosed()).isTrue();
        assertThat(first.connection().isClosed()).isFalse();
    }

    @Test
    void upgrade_withoutProbe_closesProbeAndStaysOnPolling() {
        String sid = engine.openPolling();
        EngineFixture.WebSocketPeer probe = engine.probe(sid);

        probe.inbound().onText("5");

        assertThat(probe.connection().isClosed()).isTrue();
        assertThat(engine.session(sid).transportName()).isEqualTo("polling");
        assertThat(engine.session(sid).isOpen()).isTrue();
    }

    @Test
    void probe_unexpectedFrame_closesProbeAndStaysOnPolling() {
        String sid = engine.openPolling();
        EngineFixture.WebSocketPeer probe = engine.probe(sid);

        probe.inbound().onText("4too early");

        assertThat(probe.connection().closeStatus().code()).isEqualTo(1002);
        assertThat(engine.handler(sid).messages()).isEmpty();
        assertThat(engine.session(sid).transportName()).isEqualTo("polling");
    }

    @Test
    void probe_probeConnectionCloses_sessionStaysOnPolling() {
        String sid = engine.openPolling();
        EngineFixture.WebSocketPeer probe = engine.probe(sid);
        probe.inbound().onText("2probe");

        probe.inbound().onClosed();

        assertThat(engine.session(sid).isOpen()).isTrue();
        assertThat(engine.handler(sid).closeReasons()).isEmpty();
        assertThat(engine.session(sid).transportName()).isEqualTo("polling");
    }

    @Test
    void probe_notCompletedInTime_closesProbe() {
        EngineOptions options = new EngineOptions(Duration.ofSeconds(25), Duration.ofSeconds(20), 1_000_000,
                Duration.ofMillis(50), 1 << 20, true, OriginPolicy.sameOrigin());
        try (EngineFixture quick = new EngineFixture(options)) {
            String sid = quick.openPolling();
            EngineFixture.WebSocketPeer probe = quick.probe(sid);

            probe.inbound().onText("2probe");

            await().until(() -> probe.connection().isClosed());
            assertThat(quick.session(sid).transportName()).isEqualTo("polling");
            assertThat(quick.session(sid).isOpen()).isTrue();
        }
    }

    @Test
    void upgrade_queuedPacketsOverflowWebSocket_closesSession() {
        String sid = engine.openPolling();
        EngineFixture.WebSocketPeer probe = engine.probe(sid);
        probe.inbound().onText("2probe");
        engine.session(sid).send(EnginePacket.message("queued"));
        probe.connection().fillBuffer();

        probe.inbound().onText("5");

        assertThat(probe.connection().isClosed()).isTrue();
        assertThat(engine.server().sessionCount()).isZero();
        assertThat(engine.handler(sid).closeReasons()).containsExactly("transport error: outbound buffer full");
    }

    @Test
    void close_duringProbe_closesProbeToo() {
        String sid = engine.openPolling();
        CompletableFuture<String> parked = engine.get(sid);
        EngineFixture.WebSocketPeer probe = engine.probe(sid);

        engine.session(sid).close();

        assertThat(parked).isCompletedWithValue("1");
        assertThat(probe.connection().isClosed()).isTrue();
        assertThat(engine.handler(sid).closeReasons()).containsExactly("forced close");
    }

    @Test
    void probe_upgradesNotAllowed_closedAtOnce() {
        EngineOptions options = new EngineOptions(Duration.ofSeconds(25), Duration.ofSeconds(20), 1_000_000,
                Duration.ofSeconds(10), 1 << 20, false, OriginPolicy.sameOrigin());
        try (EngineFixture noUpgrades = new EngineFixture(options)) {
            String sid = noUpgrades.openPolling();

            EngineFixture.WebSocketPeer probe = noUpgrades.probe(sid);

            assertThat(probe.connection().isClosed()).isTrue();
            assertThat(noUpgrades.session(sid).transportName()).isEqualTo("polling");
        }
    }

    private EngineFixture.WebSocketPeer upgraded(String sid) {
        EngineFixture.WebSocketPeer probe = engine.probe(sid);
        probe.inbound().onText("2probe");
        probe.inbound().onText("5");
        assertThat(engine.session(sid).transportName()).isEqualTo("websocket");
        return probe;
    }
}
