package dev.realtime.engineio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EngineServerTest {

    private static final String SID_PATTERN = "[A-Za-z0-9_-]{20}";

    private final EngineFixture engine = new EngineFixture(EngineOptions.defaults());

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void check_pollingHandshake_proceeds() {
        Map<String, String> query = Map.of("EIO", "4", "transport", "polling");

        EngineError refusal = engine.server().check("GET", query, null, "chat.example.com", false);

        assertThat(refusal).isNull();
    }

    @Test
    void check_webSocketHandshake_proceeds() {
        Map<String, String> query = Map.of("EIO", "4", "transport", "websocket");

        EngineError refusal = engine.server().check("GET", query, null, "chat.example.com", false);

        assertThat(refusal).isNull();
    }

    @Test
    void refuseNewSessions_handshakes503_openSessionsGoOn() {
        String sid = engine.openPolling();

        engine.server().refuseNewSessions();

        Map<String, String> handshake = Map.of("EIO", "4", "transport", "websocket");
        Map<String, String> existing = Map.of("EIO", "4", "transport", "polling", "sid", sid);
        assertThat(engine.server().check("GET", handshake, null, "chat.example.com", false))
                .isEqualTo(EngineError.SHUTTING_DOWN);
        assertThat(EngineError.SHUTTING_DOWN.httpStatus()).isEqualTo(503);
        assertThat(engine.server().check("GET", existing, null, "chat.example.com", false)).isNull();
        assertThat(engine.session(sid).isOpen()).isTrue();
    }

    @Test
    void closeSessions_webSocketClosedGoingAwayAfterWhatWasQueued() {
        EngineFixture.WebSocketPeer peer = engine.openWebSocket();
        engine.session(peer.sid()).send(EnginePacket.message("last ack"));

        engine.server().closeSessions();

        assertThat(peer.connection().textFrames()).contains("4last ack");
        assertThat(peer.connection().closeStatus()).isEqualTo(CloseStatus.GOING_AWAY);
        assertThat(engine.server().sessionCount()).isZero();
    }

    @Test
    void check_missingEio_unsupportedProtocolVersion() {
        Map<String, String> query = Map.of("transport", "polling");

        EngineError refusal = engine.server().check("GET", query, null, "chat.example.com", false);

        assertThat(refusal).isEqualTo(EngineError.UNSUPPORTED_PROTOCOL_VERSION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3", "5", "abc", ""})
    void check_otherEio_unsupportedProtocolVersion(String eio) {
        Map<String, String> query = Map.of("EIO", eio, "transport", "polling");

        EngineError refusal = engine.server().check("GET", query, null, "chat.example.com", false);

        assertThat(refusal).isEqualTo(EngineError.UNSUPPORTED_PROTOCOL_VERSION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"flashsocket", "WEBSOCKET", ""})
    void check_unknownTransport_transportUnknown(String transport) {
        Map<String, String> query = Map.of("EIO", "4", "transport", transport);

        EngineError refusal = engine.server().check("GET", query, null, "chat.example.com", false);

        assertThat(refusal).isEqualTo(EngineError.UNKNOWN_TRANSPORT);
    }

    @Test
    void check_missingTransport_transportUnknown() {
        Map<String, String> query = Map.of("EIO", "4");

        EngineError refusal = engine.server().check("GET", query, null, "chat.example.com", false);

        assertThat(refusal).isEqualTo(EngineError.UNKNOWN_TRANSPORT);
    }

    @Test
    void check_unknownSid_sessionIdUnknown() {
        Map<String, String> query = Map.of("EIO", "4", "transport", "polling", "sid", "never-issued");

        EngineError refusal = engine.server().check("GET", query, null, "chat.example.com", false);

        assertThat(refusal).isEqualTo(EngineError.UNKNOWN_SID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE"})
    void check_handshakeNotByGet_badHandshakeMethod(String method) {
        Map<String, String> query = Map.of("EIO", "4", "transport", "polling");

        EngineError refusal = engine.server().check(method, query, null, "chat.example.com", false);

        assertThat(refusal).isEqualTo(EngineError.BAD_HANDSHAKE_METHOD);
    }

    @Test
    void check_foreignOrigin_forbidden() {
        Map<String, String> query = Map.of("EIO", "4", "transport", "polling");

        EngineError refusal = engine.server().check("GET", query, "https://evil.example.net", "chat.example.com", true);

        assertThat(refusal).isEqualTo(EngineError.FORBIDDEN);
    }

    @Test
    void check_sameOrigin_proceeds() {
        Map<String, String> query = Map.of("EIO", "4", "transport", "polling");

        EngineError refusal = engine.server().check("GET", query, "https://chat.example.com", "chat.example.com", true);

        assertThat(refusal).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST"})
    void check_knownSidOnPolling_proceeds(String method) {
        String sid = engine.openPolling();

        EngineError refusal = engine.server().check(method, pollingQuery(sid), null, "chat.example.com", false);

        assertThat(refusal).isNull();
    }

    @Test
    void check_knownSidOnPollingWithOtherMethod_badRequest() {
        String sid = engine.openPolling();

        EngineError refusal = engine.server().check("PUT", pollingQuery(sid), null, "chat.example.com", false);

        assertThat(refusal).isEqualTo(EngineError.BAD_REQUEST);
    }

    @Test
    void handshake_polling_answersOpenPacketWithSessionSettings() {
        EngineOptions options = new EngineOptions(Duration.ofMillis(300), Duration.ofMillis(200), 5_000,
                Duration.ofSeconds(1), 1024, true, OriginPolicy.sameOrigin());
        try (EngineFixture custom = new EngineFixture(options)) {

            CompletableFuture<String> body = EngineFixture.body(
                    custom.server().handshake(EngineFixture.POLLING, new CompletableFuture<>()));

            assertThat(body).isDone();
            assertThat(body.join()).matches("0\\{\"sid\":\"" + SID_PATTERN + "\",\"upgrades\":\\[\"websocket\"],"
                    + "\"pingInterval\":300,\"pingTimeout\":200,\"maxPayload\":5000}");
        }
    }

    @Test
    void handshake_upgradesNotAllowed_offersNoUpgrade() {
        EngineOptions options = new EngineOptions(Duration.ofSeconds(25), Duration.ofSeconds(20), 1_000_000,
                Duration.ofSeconds(10), 1 << 20, false, OriginPolicy.sameOrigin());
        try (EngineFixture custom = new EngineFixture(options)) {

            String body = EngineFixture.body(custom.server().handshake(EngineFixture.POLLING, new CompletableFuture<>())).join();

            assertThat(body).contains("\"upgrades\":[]");
        }
    }

    @Test
    void handshake_polling_registersSessionAndTellsListenerOnce() {
        List<EngineSession> opened = new CopyOnWriteArrayList<>();
        try (EngineServer server = new EngineServer(EngineOptions.defaults(), session -> {
            opened.add(session);
            return new RecordingHandler();
        })) {

            String body = EngineFixture.body(server.handshake(EngineFixture.POLLING, new CompletableFuture<>())).join();

            assertThat(opened).singleElement().satisfies(session -> {
                assertThat(session.id()).isEqualTo(EngineFixture.sidOf(body));
                assertThat(session.transportName()).isEqualTo("polling");
                assertThat(session.isOpen()).isTrue();
                assertThat(session.request()).isEqualTo(EngineFixture.POLLING);
            });
            assertThat(server.sessions()).containsExactlyElementsOf(opened);
        }
    }

    @Test
    void transportClosed_handlerHearsItWhileTheSessionStillCounts() {
        List<Integer> countedAtClose = new CopyOnWriteArrayList<>();
        EngineServer[] holder = new EngineServer[1];
        try (EngineServer server = new EngineServer(EngineOptions.defaults(), session -> new SessionHandler() {
            @Override
            public void onMessage(String text) {
            }

            @Override
            public void onBinary(byte[] data) {
            }

            @Override
            public void onClose(String reason) {
                countedAtClose.add(holder[0].sessionCount());
            }
        })) {
            holder[0] = server;
            WebSocketInbound inbound = server.accept(null, EngineFixture.WEBSOCKET, new FakeWebSocketConnection());

            inbound.onClosed();

            // The drain waits for no session to be left, then for the handlers' disconnect work: a session that
            // stopped counting before its handler heard the close would slip between the two.
            assertThat(countedAtClose).containsExactly(1);
            assertThat(server.sessionCount()).isZero();
        }
    }

    @Test
    void handshake_twice_issuesDistinctSids() {
        String first = engine.openPolling();

        String second = engine.openPolling();

        assertThat(second).isNotEqualTo(first);
        assertThat(engine.server().sessionCount()).isEqualTo(2);
    }

    @Test
    void accept_withoutSid_opensWebSocketSessionWithoutUpgrades() {
        FakeWebSocketConnection connection = new FakeWebSocketConnection();

        engine.server().accept(null, EngineFixture.WEBSOCKET, connection);

        assertThat(connection.textFrames()).singleElement().asString()
                .matches("0\\{\"sid\":\"" + SID_PATTERN + "\",\"upgrades\":\\[],\"pingInterval\":25000,"
                        + "\"pingTimeout\":20000,\"maxPayload\":1000000}");
        assertThat(engine.session(EngineFixture.sidOf(connection.textFrames().get(0))).transportName())
                .isEqualTo("websocket");
    }

    @Test
    void accept_unknownSid_closesConnection() {
        FakeWebSocketConnection connection = new FakeWebSocketConnection();

        WebSocketInbound inbound = engine.server().accept("never-issued", EngineFixture.WEBSOCKET, connection);
        inbound.onText("2probe");

        assertThat(connection.isClosed()).isTrue();
        assertThat(connection.sent()).isEmpty();
        assertThat(engine.server().sessionCount()).isZero();
    }

    @Test
    void poll_unknownSid_sessionIdUnknown() {
        String sid = "never-issued";

        EngineError refusal = engine.refusedGet(sid);

        assertThat(refusal).isEqualTo(EngineError.UNKNOWN_SID);
    }

    @Test
    void post_unknownSid_sessionIdUnknown() {
        String sid = "never-issued";

        EngineError refusal = engine.refusedPost(sid, "4hello");

        assertThat(refusal).isEqualTo(EngineError.UNKNOWN_SID);
    }

    @Test
    void close_openSessions_closesEveryOneAsServerShuttingDown() {
        String pollingSid = engine.openPolling();
        CompletableFuture<String> parked = engine.get(pollingSid);
        EngineFixture.WebSocketPeer peer = engine.openWebSocket();

        engine.server().close();

        assertThat(parked).isCompletedWithValue("1");
        assertThat(peer.connection().closeStatus()).isEqualTo(CloseStatus.GOING_AWAY);
        assertThat(engine.handler(pollingSid).closeReasons()).containsExactly("server shutting down");
        assertThat(engine.handler(peer.sid()).closeReasons()).containsExactly("server shutting down");
        assertThat(engine.server().sessionCount()).isZero();
    }

    private static Map<String, String> pollingQuery(String sid) {
        return Map.of("EIO", "4", "transport", "polling", "sid", sid);
    }
}
