package dev.realtime.engineio;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One Engine.IO session: its transport (long-polling, WebSocket, or polling while a WebSocket probe upgrades it),
 * its heartbeat and its close. Thread-safe: transport state is guarded by one lock that is never held while the
 * handler runs or while a parked poll is answered, so sessions can send to each other without deadlock.
 */
public final class EngineSession {

    private enum State { OPEN, CLOSING, CLOSED }

    private static final long HELD_POLL_MILLIS = 100;
    private static final CloseStatus OUTBOUND_FULL = CloseStatus.policyViolation("outbound buffer full");

    private final String sid;
    private final EngineServer server;
    private final EngineOptions options;
    private final HandshakeRequest request;
    private final Object lock = new Object();
    private volatile SessionHandler handler;
    private String closeReasonBeforeStart;
    private State state = State.OPEN;
    private PollingBuffer polling;
    private volatile WebSocketConnection websocket;
    private WebSocketConnection probe;
    private boolean probed;
    private EnginePacket lastPacket = EnginePacket.CLOSE;
    private ScheduledFuture<?> pingTask;
    private ScheduledFuture<?> pongDeadline;
    private ScheduledFuture<?> upgradeDeadline;

    EngineSession(String sid, EngineServer server, HandshakeRequest request, WebSocketConnection websocket) {
        this.sid = sid;
        this.server = server;
        this.options = server.options();
        this.request = request;
        this.websocket = websocket;
        this.polling = websocket == null ? new PollingBuffer() : null;
    }

    public String id() {
        return sid;
    }

    public HandshakeRequest request() {
        return request;
    }

    public String transportName() {
        return websocket != null ? "websocket" : "polling";
    }

    public boolean isOpen() {
        synchronized (lock) {
            return state == State.OPEN;
        }
    }

    void start(SessionHandler sessionHandler) {
        String reason;
        synchronized (lock) {
            handler = sessionHandler;
            reason = closeReasonBeforeStart;
        }
        if (reason != null) {
            sessionHandler.onClose(reason);
        } else {
            schedulePing();
        }
    }

    /** Queues one packet; dropped silently once the session is closed. */
    public void send(EnginePacket packet) {
        send(List.of(packet));
    }

    /** Queues packets that must reach the peer together and in order (a Socket.IO packet and its attachments). */
    public void send(List<EnginePacket> packets) {
        CompletableFuture<String> parked = null;
        String body = null;
        boolean overflow;
        synchronized (lock) {
            if (state != State.OPEN) {
                return;
            }
            if (websocket != null) {
                overflow = !websocket.send(packets, options.maxBufferedBytes());
            } else {
                overflow = !polling.offer(packets, options.maxBufferedBytes());
                if (!overflow && polling.hasParked()) {
                    parked = polling.unpark();
                    body = EngineCodec.encodePayload(polling.drain());
                }
            }
        }
        if (parked != null) {
            parked.complete(body);
        }
        if (overflow) {
            terminate("transport error: outbound buffer full", EnginePacket.CLOSE, OUTBOUND_FULL);
        }
    }

    /** Closes the session from the server side after delivering what is already queued. */
    public void close() {
        close(CloseStatus.NORMAL);
    }

    /**
     * Closes the session from the server side after delivering what is already queued; a WebSocket is closed with
     * {@code status}, so its peer learns why.
     */
    public void close(CloseStatus status) {
        CompletableFuture<String> parked = null;
        String body = null;
        synchronized (lock) {
            if (state != State.OPEN) {
                return;
            }
            if (polling != null && polling.hasParked()) {
                parked = polling.unpark();
                lastPacket = EnginePacket.CLOSE;
                body = drainWithLastPacket();
            }
        }
        if (parked != null) {
            parked.complete(body);
            terminate("forced close", EnginePacket.CLOSE, status);
        } else if (!linger("forced close", EnginePacket.CLOSE)) {
            terminate("forced close", EnginePacket.CLOSE, status);
        }
    }

    /**
     * A polling session with no request to answer cannot tell its client now: it lingers, closed for the
     * application, until the next poll takes what is queued and {@code last}. Its heartbeat keeps running, so a
     * client that never polls again is dropped at the deadline it already had, not one started by the close.
     *
     * @return false when the session is not on polling or has a parked request, so it can be ended now
     */
    private boolean linger(String reason, EnginePacket last) {
        WebSocketConnection pendingProbe;
        synchronized (lock) {
            if (state != State.OPEN || polling == null || polling.hasParked()) {
                return false;
            }
            state = State.CLOSING;
            lastPacket = last;
            if (last == EnginePacket.NOOP) {
                polling.drain();
            }
            cancel(upgradeDeadline);
            pendingProbe = probe;
            probe = null;
        }
        if (pendingProbe != null) {
            pendingProbe.close();
        }
        notifyClosed(reason);
        return true;
    }

    PollResult poll(CompletableFuture<String> request) {
        boolean duplicate = false;
        String body = null;
        synchronized (lock) {
            if (state == State.CLOSED) {
                return new PollResult.Refused(EngineError.UNKNOWN_SID);
            }
            if (polling == null) {
                return new PollResult.Refused(EngineError.BAD_REQUEST);
            }
            if (state == State.CLOSING) {
                body = drainWithLastPacket();
                state = State.CLOSED;
                cancelTimers();
            } else if (polling.hasParked()) {
                duplicate = true;
            } else if (!polling.isEmpty()) {
                List<EnginePacket> packets = polling.drain();
                if (probed) {
                    packets.add(EnginePacket.NOOP);
                }
                body = EngineCodec.encodePayload(packets);
            } else if (probe != null) {
                // A poll that arrives mid-upgrade is held briefly: if the client's "5" was already on its way, the
                // upgrade completes first and the poll is refused like any poll after it; if not, a noop ends it.
                polling.hold(request);
                server.timer().schedule(() -> releaseHeldPoll(request), HELD_POLL_MILLIS, TimeUnit.MILLISECONDS);
            } else {
                polling.park(request);
            }
        }
        if (body != null && !isOpen()) {
            server.remove(this);
        }
        if (duplicate) {
            terminate("transport error: overlapping poll", EnginePacket.CLOSE,
                    CloseStatus.protocolError("overlapping poll"));
            return new PollResult.Refused(EngineError.BAD_REQUEST);
        }
        if (body != null) {
            request.complete(body);
        }
        return new PollResult.Body(request);
    }

    /** The HTTP connection of a parked poll went away: the client is gone or broke the protocol. */
    void pollAborted(CompletableFuture<String> request) {
        boolean parked;
        synchronized (lock) {
            parked = polling != null && polling.isParked(request);
            if (parked) {
                polling.unpark();
            }
        }
        if (parked) {
            terminate("transport error: poll closed prematurely", EnginePacket.CLOSE);
        }
    }

    PollResult post(String payload) {
        synchronized (lock) {
            if (state == State.CLOSED) {
                return new PollResult.Refused(EngineError.UNKNOWN_SID);
            }
            if (polling == null) {
                return new PollResult.Refused(EngineError.BAD_REQUEST);
            }
            if (state == State.CLOSING) {
                return new PollResult.Body(CompletableFuture.completedFuture("ok"));
            }
            if (!polling.beginPost()) {
                duplicatePost();
                return new PollResult.Refused(EngineError.BAD_REQUEST);
            }
        }
        try {
            List<EnginePacket> packets = EngineCodec.decodePayload(payload);
            packets.forEach(this::onPacket);
        } catch (ProtocolException e) {
            terminate("parse error", EnginePacket.CLOSE, CloseStatus.protocolError(e.getMessage()));
            return new PollResult.Refused(EngineError.BAD_REQUEST);
        } finally {
            synchronized (lock) {
                if (polling != null) {
                    polling.endPost();
                }
            }
        }
        return new PollResult.Body(CompletableFuture.completedFuture("ok"));
    }

    private void duplicatePost() {
        server.timer().execute(() -> terminate("transport error: overlapping post", EnginePacket.CLOSE,
                CloseStatus.protocolError("overlapping post")));
    }

    void payloadTooLarge() {
        terminate("transport error: payload too large", EnginePacket.CLOSE, CloseStatus.tooBig("payload too large"));
    }

    /** Inbound side of the session's own WebSocket, or of a probe that may become it. */
    WebSocketInbound inboundFor(WebSocketConnection connection) {
        return new WebSocketInbound() {
            @Override
            public void onText(String text) {
                if (websocket == connection) {
                    try {
                        onPacket(EngineCodec.decodeText(text));
                    } catch (ProtocolException e) {
                        terminate("parse error", EnginePacket.CLOSE, CloseStatus.protocolError(e.getMessage()));
                    }
                } else {
                    onProbeText(connection, text);
                }
            }

            @Override
            public void onBinary(byte[] data) {
                if (websocket == connection) {
                    onPacket(EnginePacket.binary(data));
                } else {
                    abortProbe(connection, CloseStatus.protocolError("binary message during upgrade"));
                }
            }

            @Override
            public void onInvalid(CloseStatus status) {
                if (websocket == connection) {
                    terminate("transport error: " + status.reason(), EnginePacket.CLOSE, status);
                } else {
                    abortProbe(connection, status);
                }
            }

            @Override
            public void onClosed() {
                if (websocket == connection) {
                    terminate("transport close", EnginePacket.CLOSE);
                } else {
                    abortProbe(connection, CloseStatus.NORMAL);
                }
            }
        };
    }

    /** @return false when this session cannot take a probe now (already upgraded, upgrading or closing) */
    boolean beginProbe(WebSocketConnection connection) {
        synchronized (lock) {
            if (state != State.OPEN || polling == null || probe != null || !options.allowUpgrades()) {
                return false;
            }
            probe = connection;
            upgradeDeadline = server.timer().schedule(() -> abortProbe(connection, CloseStatus.NORMAL),
                    options.upgradeTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return true;
        }
    }

    private void onProbeText(WebSocketConnection connection, String text) {
        if (text.equals("2probe")) {
            CompletableFuture<String> parked;
            synchronized (lock) {
                if (probe != connection || state != State.OPEN) {
                    return;
                }
                probed = true;
                // A poll parked before the probe is an ordinary long poll: end it so the client can pause polling.
                parked = polling.isHeld() ? null : polling.unpark();
            }
            connection.send(List.of(EnginePacket.text(PacketType.PONG, "probe")), options.maxBufferedBytes());
            if (parked != null) {
                parked.complete(EngineCodec.encodePayload(List.of(EnginePacket.NOOP)));
            }
        } else if (text.equals("5")) {
            completeUpgrade(connection);
        } else {
            abortProbe(connection, CloseStatus.protocolError("unexpected packet during upgrade"));
        }
    }

    private void completeUpgrade(WebSocketConnection connection) {
        CompletableFuture<String> parked;
        List<EnginePacket> pending;
        boolean overflow = false;
        synchronized (lock) {
            if (probe != connection || !probed || state != State.OPEN) {
                parked = null;
                pending = null;
            } else {
                cancel(upgradeDeadline);
                parked = polling.unpark();
                pending = polling.drain();
                polling = null;
                probe = null;
                probed = false;
                websocket = connection;
                // Still under the lock, so nothing sent meanwhile can overtake what polling had queued.
                overflow = !pending.isEmpty() && !connection.send(pending, options.maxBufferedBytes());
            }
        }
        if (pending == null) {
            abortProbe(connection, CloseStatus.protocolError("upgrade before probe"));
            return;
        }
        if (parked != null) {
            // Any poll parked now arrived after the probe connection: it is one the upgrade overtook.
            parked.completeExceptionally(new PollRefusedException(EngineError.BAD_REQUEST));
        }
        if (overflow) {
            terminate("transport error: outbound buffer full", EnginePacket.CLOSE, OUTBOUND_FULL);
        }
    }

    private void releaseHeldPoll(CompletableFuture<String> request) {
        synchronized (lock) {
            if (polling == null || !polling.isParked(request)) {
                return;
            }
            polling.unpark();
        }
        request.complete(EngineCodec.encodePayload(List.of(EnginePacket.NOOP)));
    }

    private void abortProbe(WebSocketConnection connection, CloseStatus status) {
        synchronized (lock) {
            if (probe != connection) {
                return;
            }
            cancel(upgradeDeadline);
            probe = null;
            probed = false;
        }
        connection.close(status);
    }

    private void onPacket(EnginePacket packet) {
        if (!isOpen()) {
            return;
        }
        switch (packet.type()) {
            case PONG -> onPong();
            case MESSAGE -> {
                if (packet.isBinary()) {
                    handler.onBinary(packet.binary());
                } else {
                    handler.onMessage(packet.text());
                }
            }
            // The client asks to close: its outstanding poll, now or next, is ended with a noop.
            case CLOSE -> {
                if (!linger("transport close", EnginePacket.NOOP)) {
                    terminate("transport close", EnginePacket.NOOP);
                }
            }
            default -> {
                // ping, upgrade and noop mean nothing on an established transport; ignoring them is harmless.
            }
        }
    }

    private void schedulePing() {
        synchronized (lock) {
            if (state == State.OPEN) {
                pingTask = server.timer().schedule(this::ping, options.pingInterval().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void ping() {
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            // Armed before the ping leaves, so a fast pong always finds the deadline to cancel. A lingering session
            // sends no ping (send drops it) but gets the deadline all the same: it ends the session.
            pongDeadline = server.timer().schedule(() -> terminate("ping timeout", EnginePacket.CLOSE),
                    options.pingTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        send(EnginePacket.PING);
    }

    private void onPong() {
        synchronized (lock) {
            if (pongDeadline == null) {
                return;
            }
            cancel(pongDeadline);
            pongDeadline = null;
            // Under the same hold: a close in between would otherwise find no heartbeat timer to end a linger.
            schedulePing();
        }
    }

    void terminate(String reason, EnginePacket parkedAnswer) {
        terminate(reason, parkedAnswer, CloseStatus.NORMAL);
    }

    /**
     * Ends the session now. A parked poll is answered with {@code parkedAnswer}; the WebSocket (and any probe) is
     * closed with {@code status}; the handler hears the reason once, unless it already heard it when the session
     * began closing.
     */
    void terminate(String reason, EnginePacket parkedAnswer, CloseStatus status) {
        CompletableFuture<String> parked = null;
        WebSocketConnection ws;
        WebSocketConnection pendingProbe;
        boolean notify;
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            notify = state == State.OPEN;
            state = State.CLOSED;
            cancelTimers();
            if (polling != null) {
                parked = polling.unpark();
            }
            ws = websocket;
            pendingProbe = probe;
            probe = null;
        }
        server.remove(this);
        if (parked != null) {
            parked.complete(EngineCodec.encodePayload(List.of(parkedAnswer)));
        }
        if (ws != null) {
            ws.close(status);
        }
        if (pendingProbe != null) {
            pendingProbe.close(status);
        }
        if (notify) {
            notifyClosed(reason);
        }
    }

    /** Tells the handler; a session closed while its listener was still opening it tells the handler at start. */
    private void notifyClosed(String reason) {
        SessionHandler current;
        synchronized (lock) {
            current = handler;
            if (current == null) {
                closeReasonBeforeStart = reason;
            }
        }
        if (current != null) {
            current.onClose(reason);
        }
    }

    private String drainWithLastPacket() {
        List<EnginePacket> packets = polling.drain();
        packets.add(lastPacket);
        return EngineCodec.encodePayload(packets);
    }

    private void cancelTimers() {
        cancel(pingTask);
        cancel(pongDeadline);
        cancel(upgradeDeadline);
        pongDeadline = null;
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }
}
