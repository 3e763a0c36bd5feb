package dev.realtime.engineio;

import java.net.InetAddress;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * An Engine.IO v4 server, independent of any HTTP stack: the I/O layer validates each request with
 * {@link #check}, then hands polling requests and WebSocket connections to it. Sessions are created here only;
 * a client never chooses its session id.
 */
public final class EngineServer implements AutoCloseable {

    private final EngineOptions options;
    private final ConnectionListener listener;
    private final EngineMetrics metrics;
    private final Map<String, EngineSession> sessions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private volatile boolean refusingSessions;

    public EngineServer(EngineOptions options, ConnectionListener listener) {
        this(options, listener, EngineMetrics.NONE);
    }

    /** @param metrics told of what happens to sessions, for monitoring */
    public EngineServer(EngineOptions options, ConnectionListener listener, EngineMetrics metrics) {
        this.options = options;
        this.listener = listener;
        this.metrics = metrics;
        Ids.init();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "engineio-timer");
            thread.setDaemon(true);
            return thread;
        });
        // Timers are cancelled on event loops (a pong, an ack, an upgrade), and taking a cancelled task out of the
        // queue takes the queue's lock, which may park there. Left in, it is dropped when due, and holds nothing of
        // ours meanwhile: cancel releases the task's Runnable. So the queue holds an empty shell per timer cancelled
        // within one delay (about one per session for the heartbeat), which is cheaper than a parked event loop.
        executor.setRemoveOnCancelPolicy(false);
        this.timer = Executors.unconfigurableScheduledExecutorService(executor);
    }

    public EngineOptions options() {
        return options;
    }

    /** The timer that drives heartbeats; the layers above schedule their own short, non-blocking tasks on it. */
    public ScheduledExecutorService timer() {
        return timer;
    }

    public int sessionCount() {
        return sessions.size();
    }

    /** Sessions on that transport now ("polling" or "websocket"; one still upgrading counts as polling). */
    public int sessionCountOn(String transport) {
        int count = 0;
        for (EngineSession session : sessions.values()) {
            if (session.transportName().equals(transport)) {
                count++;
            }
        }
        return count;
    }

    public Collection<EngineSession> sessions() {
        return List.copyOf(sessions.values());
    }

    /**
     * Checks an incoming request before any work is done for it.
     *
     * @param method    the HTTP method
     * @param query     the query parameters
     * @param origin    the Origin header or null
     * @param host      the Host header or null
     * @param secure    whether the request came over TLS
     * @return the refusal, or null when the request may proceed
     */
    public EngineError check(String method, Map<String, String> query, String origin, String host, boolean secure) {
        if (!options.origins().allows(origin, host, secure)) {
            return EngineError.FORBIDDEN;
        }
        if (!"4".equals(query.get("EIO"))) {
            return EngineError.UNSUPPORTED_PROTOCOL_VERSION;
        }
        String transport = query.get("transport");
        if (!"polling".equals(transport) && !"websocket".equals(transport)) {
            return EngineError.UNKNOWN_TRANSPORT;
        }
        String sid = query.get("sid");
        if (sid == null) {
            if (refusingSessions) {
                return EngineError.SHUTTING_DOWN;
            }
            return method.equals("GET") ? null : EngineError.BAD_HANDSHAKE_METHOD;
        }
        if (!sessions.containsKey(sid)) {
            return EngineError.UNKNOWN_SID;
        }
        if (transport.equals("polling") && !method.equals("GET") && !method.equals("POST")) {
            return EngineError.BAD_REQUEST;
        }
        return null;
    }

    /**
     * Whether a client at this address (null when unknown) may open a session now ({@link
     * EngineOptions#admitHandshake}); asked once per handshake, polling or WebSocket, after {@link #check}.
     */
    public boolean admitsHandshake(InetAddress address) {
        boolean admitted = options.admitHandshake().test(address);
        if (!admitted) {
            metrics.rateLimited();
        }
        return admitted;
    }

    /** A GET without sid over polling: opens a session and answers with its open packet. */
    public PollResult handshake(HandshakeRequest request, CompletableFuture<String> response) {
        EngineSession session = new EngineSession(Ids.random(), this, request, null);
        sessions.put(session.id(), session);
        session.send(openPacket(session, options.allowUpgrades()));
        session.start(listener.onOpen(session));
        return session.poll(response);
    }

    /** A GET with sid over polling: answers now if anything is queued, otherwise parks the request. */
    public PollResult poll(String sid, CompletableFuture<String> response) {
        EngineSession session = sessions.get(sid);
        return session == null ? new PollResult.Refused(EngineError.UNKNOWN_SID) : session.poll(response);
    }

    /** The HTTP connection of a parked poll closed before it was answered. */
    public void pollAborted(String sid, CompletableFuture<String> response) {
        EngineSession session = sessions.get(sid);
        if (session != null) {
            session.pollAborted(response);
        }
    }

    /** A POST over polling, its body already read (at most maxPayload bytes). */
    public PollResult post(String sid, String payload) {
        EngineSession session = sessions.get(sid);
        return session == null ? new PollResult.Refused(EngineError.UNKNOWN_SID) : session.post(payload);
    }

    /** A POST body went over maxPayload: the session is closed, as for any protocol violation. */
    public void payloadTooLarge(String sid) {
        EngineSession session = sessions.get(sid);
        if (session != null) {
            session.payloadTooLarge();
        }
    }

    /**
     * A WebSocket has been established. Without sid it opens a session on WebSocket; with the sid of a polling
     * session it is a probe that may upgrade it. A probe the session cannot take is closed at once.
     */
    public WebSocketInbound accept(String sid, HandshakeRequest request, WebSocketConnection connection) {
        if (sid == null) {
            EngineSession session = new EngineSession(Ids.random(), this, request, connection);
            sessions.put(session.id(), session);
            session.send(openPacket(session, false));
            session.start(listener.onOpen(session));
            return session.inboundFor(connection);
        }
        EngineSession session = sessions.get(sid);
        if (session == null || !session.beginProbe(connection)) {
            connection.close();
            return IGNORED;
        }
        return session.inboundFor(connection);
    }

    /**
     * Shutdown, first step: new sessions are refused with 503 {@link EngineError#SHUTTING_DOWN}; open ones go on.
     */
    public void refuseNewSessions() {
        refusingSessions = true;
    }

    /** Undoes {@link #refuseNewSessions}: a server stopped and started again takes new sessions. */
    public void acceptNewSessions() {
        refusingSessions = false;
    }

    /**
     * Shutdown, last step: closes every session after what is queued for it, a WebSocket with 1001. The official
     * clients take that as a lost transport and reconnect by themselves, to another node behind a load balancer.
     */
    public void closeSessions() {
        sessions.values().forEach(session -> session.close(CloseStatus.GOING_AWAY));
    }

    /** Closes every session and stops the timer. */
    @Override
    public void close() {
        sessions.values().forEach(session ->
                session.terminate("server shutting down", EnginePacket.CLOSE, CloseStatus.GOING_AWAY));
        timer.shutdownNow();
    }

    /** Where this server's sessions, and the transport glue at its edge, report for monitoring. */
    public EngineMetrics metrics() {
        return metrics;
    }

    void remove(EngineSession session) {
        sessions.remove(session.id(), session);
    }

    private EnginePacket openPacket(EngineSession session, boolean upgrades) {
        String json = "{\"sid\":\"" + session.id() + "\",\"upgrades\":" + (upgrades ? "[\"websocket\"]" : "[]")
                + ",\"pingInterval\":" + options.pingInterval().toMillis()
                + ",\"pingTimeout\":" + options.pingTimeout().toMillis()
                + ",\"maxPayload\":" + options.maxPayload() + "}";
        return EnginePacket.text(PacketType.OPEN, json);
    }

    private static final WebSocketInbound IGNORED = new WebSocketInbound() {
        @Override
        public void onText(String text) {
        }

        @Override
        public void onBinary(byte[] data) {
        }

        @Override
        public void onInvalid(CloseStatus status) {
        }

        @Override
        public void onClosed() {
        }
    };
}
