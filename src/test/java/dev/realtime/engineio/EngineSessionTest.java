package dev.realtime.engineio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EngineSessionTest {

    private final EngineFixture engine = new EngineFixture(EngineOptions.defaults());

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void post_severalPackets_deliveredToHandlerInOrder() {
        String sid = engine.openPolling();

        String answer = engine.post(sid, "4one\u001ebAQID\u001e4two\u001e4€uro");

        assertThat(answer).isEqualTo("ok");
        assertThat(engine.handler(sid).messages()).containsExactly("one", "two", "€uro");
        assertThat(engine.handler(sid).binaries()).singleElement().satisfies(data -> assertThat(data).containsExactly(1, 2, 3));
    }

    @Test
    void post_successiveRequests_deliveredInArrivalOrder() {
        String sid = engine.openPolling();

        engine.post(sid, "4first");
        engine.post(sid, "4second");

        assertThat(engine.handler(sid).messages()).containsExactly("first", "second");
    }

    @Test
    void send_parkedGet_completesItWithThePacket() {
        String sid = engine.openPolling();
        CompletableFuture<String> poll = engine.get(sid);
        assertThat(poll).isNotDone();

        engine.session(sid).send(EnginePacket.message("hello"));

        assertThat(poll).isCompletedWithValue("4hello");
    }

    @Test
    void send_nothingParked_nextGetTakesAllQueuedInOrder() {
        String sid = engine.openPolling();
        EngineSession session = engine.session(sid);

        session.send(EnginePacket.message("one"));
        session.send(List.of(EnginePacket.message("two"), EnginePacket.binary(new byte[] {1, 2, 3, 4})));

        assertThat(engine.get(sid)).isCompletedWithValue("4one\u001e4two\u001ebAQIDBA==");
        assertThat(engine.get(sid)).isNotDone();
    }

    @Test
    void poll_duplicateGet_closesSession() {
        String sid = engine.openPolling();
        CompletableFuture<String> first = engine.get(sid);

        EngineError second = engine.refusedGet(sid);

        assertThat(first).isCompletedWithValue("1");
        assertThat(second).isEqualTo(EngineError.BAD_REQUEST);
        assertThat(engine.refusedGet(sid)).isEqualTo(EngineError.UNKNOWN_SID);
        assertThat(engine.server().sessionCount()).isZero();
        assertThat(engine.handler(sid).closeReasons()).containsExactly("transport error: overlapping poll");
    }

    @Test
    void post_invalidPayload_closesSessionWithParseError() {
        String sid = engine.openPolling();

        EngineError refusal = engine.refusedPost(sid, "abc");

        assertThat(refusal).isEqualTo(EngineError.BAD_REQUEST);
        assertThat(engine.refusedGet(sid)).isEqualTo(EngineError.UNKNOWN_SID);
        assertThat(engine.handler(sid).closeReasons()).containsExactly("parse error");
    }

    @Test
    void post_invalidPayloadWhileGetParked_answersParkedGetWithClose() {
        String sid = engine.openPolling();
        CompletableFuture<String> parked = engine.get(sid);

        engine.refusedPost(sid, "4fine\u001eb$$$");

        assertThat(parked).isCompletedWithValue("1");
        assertThat(engine.handler(sid).closeReasons()).containsExactly("parse error");
    }

    @Test
    void post_closePacketWhileGetParked_answersNoopAndEndsSession() {
        String sid = engine.openPolling();
        CompletableFuture<String> parked = engine.get(sid);

        engine.post(sid, "1");

        assertThat(parked).isCompletedWithValue("6");
        assertThat(engine.refusedGet(sid)).isEqualTo(EngineError.UNKNOWN_SID);
        assertThat(engine.handler(sid).closeReasons()).containsExactly("transport close");
    }

    @Test
    void post_closePacketWithoutParkedGet_nextGetGetsOnlyNoop() {
        String sid = engine.openPolling();
        engine.session(sid).send(EnginePacket.message("unwanted"));

        engine.post(sid, "1");

        assertThat(engine.handler(sid).closeReasons()).containsExactly("transport close");
        assertThat(engine.get(sid)).isCompletedWithValue("6");
        assertThat(engine.refusedGet(sid)).isEqualTo(EngineError.UNKNOWN_SID);
    }

    @Test
    void post_messageAfterClosePacket_notDelivered() {
        String sid = engine.openPolling();

        engine.post(sid, "4before\u001e1\u001e4after");

        assertThat(engine.handler(sid).messages()).containsExactly("before");
    }

    @Test
    void post_whileAnotherPostInProgress_refusedAndSessionClosed() {
        AtomicReference<PollResult> overlapping = new AtomicReference<>();
        RecordingHandler handler = new RecordingHandler();
        try (EngineServer server = new EngineServer(EngineOptions.defaults(),
                session -> handler.reactingTo(text -> overlapping.set(session.post("4overlapping"))))) {
            String sid = EngineFixture.sidOf(
                    EngineFixture.body(server.handshake(EngineFixture.POLLING, new CompletableFuture<>())).join());

            server.post(sid, "4first");

            assertThat(EngineFixture.refusal(overlapping.get())).isEqualTo(EngineError.BAD_REQUEST);
            await().until(() -> server.sessionCount() == 0);
            assertThat(handler.messages()).containsExactly("first");
            assertThat(handler.closeReasons()).containsExactly("transport error: overlapping post");
        }
    }

    @Test
    void pollAborted_parkedGet_closesSession() {
        String sid = engine.openPolling();
        CompletableFuture<String> parked = engine.get(sid);

        engine.server().pollAborted(sid, parked);

        assertThat(engine.server().sessionCount()).isZero();
        assertThat(engine.handler(sid).closeReasons()).containsExactly("transport error: poll closed prematurely");
    }

    @Test
    void pollAborted_requestNotParked_keepsSession() {
        String sid = engine.openPolling();
        CompletableFuture<String> parked = engine.get(sid);

        engine.server().pollAborted(sid, new CompletableFuture<>());

        assertThat(parked).isNotDone();
        assertThat(engine.session(sid).isOpen()).isTrue();
    }

    @Test
    void payloadTooLarge_openSession_closesIt() {
        String sid = engine.openPolling();
        CompletableFuture<String> parked = engine.get(sid);

        engine.server().payloadTooLarge(sid);

        assertThat(parked).isCompletedWithValue("1");
        assertThat(engine.handler(sid).closeReasons()).containsExactly("transport error: payload too large");
    }

    @Test
    void send_overPollingBufferCap_closesSession() {
        try (EngineFixture small = new EngineFixture(EngineOptions.defaults().withMaxBufferedBytes(200))) {
            String sid = small.openPolling();
            EngineSession session = small.session(sid);
            session.send(EnginePacket.message("x".repeat(120)));
            assertThat(session.isOpen()).isTrue();

            session.send(EnginePacket.message("y".repeat(120)));

            assertThat(session.isOpen()).isFalse();
            assertThat(small.refusedGet(sid)).isEqualTo(EngineError.UNKNOWN_SID);
            assertThat(small.handler(sid).closeReasons()).containsExactly("transport error: outbound buffer full");
        }
    }

    @Test
    void send_droppablePastSoftMarkOnPolling_leftOutAndCounted_othersStillQueued() {
        // Cap 400: the soft mark is a quarter of it.
        try (EngineFixture small = new EngineFixture(EngineOptions.defaults().withMaxBufferedBytes(400))) {
            String sid = small.openPolling();
            EngineSession session = small.session(sid);
            session.send(List.of(EnginePacket.message("typing-1")), true);
            session.send(EnginePacket.message("m".repeat(120)));

            session.send(List.of(EnginePacket.message("typing-2")), true);
            session.send(EnginePacket.message("must arrive"));

            assertThat(session.isOpen()).isTrue();
            assertThat(small.metrics().dropped.get()).isEqualTo(1);
            assertThat(small.metrics().slowClosed.get()).isZero();
            assertThat(small.get(sid)).isCompletedWithValue(EngineCodec.encodePayload(List.of(
                    EnginePacket.message("typing-1"), EnginePacket.message("m".repeat(120)),
                    EnginePacket.message("must arrive"))));
        }
    }

    @Test
    void send_overPollingBufferCap_countsSlowConsumerClosed() {
        try (EngineFixture small = new EngineFixture(EngineOptions.defaults().withMaxBufferedBytes(200))) {
            String sid = small.openPolling();

            small.session(sid).send(EnginePacket.message("x".repeat(300)));

            assertThat(small.metrics().slowClosed.get()).isEqualTo(1);
            assertThat(small.metrics().dropped.get()).isZero();
        }
    }

    @Test
    void send_overPollingBufferCapWhileGetParked_answersParkedGetWithClose() {
        try (EngineFixture small = new EngineFixture(EngineOptions.defaults().withMaxBufferedBytes(200))) {
            String sid = small.openPolling();
            CompletableFuture<String> parked = small.get(sid);

            small.session(sid).send(EnginePacket.message("x".repeat(300)));

            assertThat(parked).isCompletedWithValue("1");
            assertThat(small.handler(sid).closeReasons()).containsExactly("transport error: outbound buffer full");
        }
    }

    @Test
    void send_multibyteTextOverPollingBufferCap_closesSession() {
        try (EngineFixture small = new EngineFixture(EngineOptions.defaults().withMaxBufferedBytes(200))) {
            String sid = small.openPolling();
            EngineSession session = small.session(sid);

            session.send(EnginePacket.message("\u20ac".repeat(150)));

            assertThat(session.isOpen()).isFalse();
            assertThat(small.handler(sid).closeReasons()).containsExactly("transport error: outbound buffer full");
        }
    }

    @Test
    void close_byListenerDuringOpen_handshakeAnsweredAndHandlerToldOnce() {
        RecordingHandler handler = new RecordingHandler();
        try (EngineServer server = new EngineServer(EngineOptions.defaults(), session -> {
            session.close();
            return handler;
        })) {

            PollResult result = server.handshake(EngineFixture.POLLING, new CompletableFuture<>());

            assertThat(((PollResult.Body) result).payload().join()).startsWith("0{").endsWith("\u001e1");
            assertThat(handler.closeReasons()).containsExactly("forced close");
        }
    }

    @Test
    void send_bufferDrainedByGet_acceptsMoreUpToCap() {
        try (EngineFixture small = new EngineFixture(EngineOptions.defaults().withMaxBufferedBytes(200))) {
            String sid = small.openPolling();
            EngineSession session = small.session(sid);
            session.send(EnginePacket.message("x".repeat(120)));
            small.get(sid);

            session.send(EnginePacket.message("y".repeat(120)));

            assertThat(session.isOpen()).isTrue();
            assertThat(small.get(sid)).isCompletedWithValue("4" + "y".repeat(120));
        }
    }

    @Test
    void close_getParked_answersCloseAndEndsSession() {
        String sid = engine.openPolling();
        CompletableFuture<String> parked = engine.get(sid);

        engine.session(sid).close();

        assertThat(parked).isCompletedWithValue("1");
        assertThat(engine.refusedGet(sid)).isEqualTo(EngineError.UNKNOWN_SID);
        assertThat(engine.handler(sid).closeReasons()).containsExactly("forced close");
    }

    @Test
    void close_noGetParked_lingersUntilNextGetTakesQueuedAndClose() {
        String sid = engine.openPolling();
        EngineSession session = engine.session(sid);
        session.send(EnginePacket.message("bye"));

        session.close();
        session.send(EnginePacket.message("too late"));

        assertThat(session.isOpen()).isFalse();
        assertThat(engine.handler(sid).closeReasons()).containsExactly("forced close");
        assertThat(engine.get(sid)).isCompletedWithValue("4bye\u001e1");
        assertThat(engine.refusedGet(sid)).isEqualTo(EngineError.UNKNOWN_SID);
        assertThat(engine.handler(sid).closeReasons()).containsExactly("forced close");
    }

    @Test
    void close_lingeringSessionNeverPolled_expires() {
        try (EngineFixture quick = new EngineFixture(
                EngineOptions.defaults().withHeartbeat(Duration.ofMillis(50), Duration.ofMillis(50)))) {
            String sid = quick.openPolling();

            quick.session(sid).close();

            await().until(() -> quick.server().sessionCount() == 0);
            assertThat(quick.refusedGet(sid)).isEqualTo(EngineError.UNKNOWN_SID);
            assertThat(quick.handler(sid).closeReasons()).containsExactly("forced close");
        }
    }

    @Test
    void post_lingeringSession_acceptedAndIgnored() {
        String sid = engine.openPolling();
        engine.session(sid).close();

        String answer = engine.post(sid, "4ignored");

        assertThat(answer).isEqualTo("ok");
        assertThat(engine.handler(sid).messages()).isEmpty();
    }

    @Test
    void close_calledAgainAndPeerClosesToo_handlerToldOnce() {
        String sid = engine.openPolling();
        CompletableFuture<String> parked = engine.get(sid);
        EngineSession session = engine.session(sid);

        session.close();
        session.close();
        engine.server().payloadTooLarge(sid);
        engine.server().close();

        assertThat(parked).isCompletedWithValue("1");
        assertThat(engine.handler(sid).closeReasons()).containsExactly("forced close");
    }
}
