package dev.realtime.engineio;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One Engine.IO session: its transport (long-polling, WebSocket, or polling while a WebSocket probe upgrades it),
 * its heartbeat and its close. Thread-safe: the session and its parts ({@link Outbound}, {@link PollingRequests},
 * {@link UpgradeProbe}, {@link Heartbeat}) share one lock that is never held while the handler runs or while a
 * parked poll is answered, so sessions can send to each other without deadlock.
 */
public final class EngineSession {

    enum State { OPEN, CLOSING, CLOSED }

    private static final CloseStatus OUTBOUND_FULL = CloseStatus.policyViolation("outbound buffer full");

    /** Guards the state of the session and of all its parts. */
    final Object lock = new Object();
    private final String sid;
    private final EngineServer server;
    private final HandshakeRequest request;
    private final Outbound outbound;
    private final Heartbeat heartbeat;
    private final UpgradeProbe upgrade;
    private final PollingRequests polling;
    private volatile SessionHandler handler;
    private String closeReasonBeforeStart;
    private State state = State.OPEN;
    private EnginePacket lastPacket = EnginePacket.CLOSE;

    EngineSession(String sid, EngineServer server, HandshakeRequest request, WebSocketConnection websocket) {
        this.sid = sid;
        this.server = server;
        this.request = request;
        EngineOptions options = server.options();
        this.outbound = new Outbound(websocket, options.maxBufferedBytes());
        this.heartbeat = new Heartbeat(this, server.timer(), options);
        this.upgrade = new UpgradeProbe(this, outbound, options, server.timer());
        this.polling = new PollingRequests(this, server, outbound, upgrade);
    }

    public String id() {
        return sid;
    }

    public HandshakeRequest request() {
        return request;
    }

    public String transportName() {
        return outbound.websocket() != null ? "websocket" : "polling";
    }

    public boolean isOpen() {
        synchronized (lock) {
            return state == State.OPEN;
        }
    }

    /** Queues one packet; dropped silently once the session is closed. */
    public void send(EnginePacket packet) {
        send(List.of(packet));
    }

    /** Queues packets that must reach the peer together and in order (a Socket.IO packet and its attachments). */
    public void send(List<EnginePacket> packets) {
        send(packets, false);
    }

    /**
     * Queues packets as {@link #send(List)} does; with {@code droppable}, they are left out instead when the peer is
     * already far behind (see {@link Outbound}).
     */
    public void send(List<EnginePacket> packets, boolean droppable) {
        Outbound.Written written;
        synchronized (lock) {
            if (state != State.OPEN) {
                return;
            }
            written = outbound.write(packets, droppable);
        }
        written.answerPoll();
        if (written.dropped()) {
            server.metrics().outboundDropped();
        } else if (!written.fitted()) {
            outboundFull();
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
            PollingBuffer buffer = outbound.polling();
            if (buffer != null && buffer.hasParked()) {
                parked = buffer.unpark();
                body = buffer.drainPayload(EnginePacket.CLOSE);
            }
        }
        if (parked != null) {
            parked.complete(body);
            terminate("forced close", EnginePacket.CLOSE, status);
        } else if (!linger("forced close", EnginePacket.CLOSE)) {
            terminate("forced close", EnginePacket.CLOSE, status);
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
            heartbeat.start();
        }
    }

    PollResult poll(CompletableFuture<String> response) {
        return polling.poll(response);
    }

    void pollAborted(CompletableFuture<String> response) {
        polling.pollAborted(response);
    }

    PollResult post(String payload) {
        return polling.post(payload);
    }

    /** @return false when this session cannot take a probe now (already upgraded, upgrading or closing) */
    boolean beginProbe(WebSocketConnection connection) {
        return upgrade.begin(connection);
    }

    /** Inbound side of the session's own WebSocket, or of a probe that may become it. */
    WebSocketInbound inboundFor(WebSocketConnection connection) {
        return new SessionInbound(this, outbound, upgrade, connection);
    }

    /** A packet from the peer, over whichever transport carries the session now. */
    void receive(EnginePacket packet) {
        if (!isOpen()) {
            return;
        }
        switch (packet.type()) {
            case PONG -> heartbeat.onPong();
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

    /** Under the lock: where the session is in its close. */
    State state() {
        return state;
    }

    /**
     * Under the lock, for the poll that a lingering session was waiting for: closes the session for good.
     *
     * @return that poll's body: what was queued, then the packet that tells the client the session is over
     */
    String endLinger() {
        String body = outbound.polling().drainPayload(lastPacket);
        markClosed();
        return body;
    }

    void malformed(ProtocolException e) {
        terminate("parse error", EnginePacket.CLOSE, CloseStatus.protocolError(e.getMessage()));
    }

    void outboundFull() {
        // Counted once: two sends over the cap at the same moment both get here, but only one ends the session.
        if (terminate("transport error: outbound buffer full", EnginePacket.CLOSE, OUTBOUND_FULL)) {
            server.metrics().slowConsumerClosed();
        }
    }

    void payloadTooLarge() {
        terminate("transport error: payload too large", EnginePacket.CLOSE, CloseStatus.tooBig("payload too large"));
    }

    void terminate(String reason, EnginePacket parkedAnswer) {
        terminate(reason, parkedAnswer, CloseStatus.NORMAL);
    }

    /**
     * Ends the session now. A parked poll is answered with {@code parkedAnswer}; the WebSocket (and any probe) is
     * closed with {@code status}; the handler hears the reason once, unless it already heard it when the session
     * began closing.
     *
     * @return false when the session had already ended
     */
    boolean terminate(String reason, EnginePacket parkedAnswer, CloseStatus status) {
        CompletableFuture<String> parked = null;
        WebSocketConnection websocket;
        WebSocketConnection pendingProbe;
        boolean notify;
        synchronized (lock) {
            if (state == State.CLOSED) {
                return false;
            }
            notify = state == State.OPEN;
            pendingProbe = markClosed();
            if (outbound.polling() != null) {
                parked = outbound.polling().unpark();
            }
            websocket = outbound.websocket();
        }
        try {
            if (parked != null) {
                parked.complete(PollingBuffer.payloadOf(parkedAnswer));
            }
            if (websocket != null) {
                websocket.close(status);
            }
            if (pendingProbe != null) {
                pendingProbe.close(status);
            }
            if (notify) {
                notifyClosed(reason);
            }
        } finally {
            // Counted until the handler has heard the close: a drain that sees no session left knows that every
            // handler has started its disconnect work (presence's last-seen among it), none is still to come.
            server.remove(this);
        }
        return true;
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
            PollingBuffer buffer = outbound.polling();
            if (state != State.OPEN || buffer == null || buffer.hasParked()) {
                return false;
            }
            state = State.CLOSING;
            lastPacket = last;
            if (last == EnginePacket.NOOP) {
                buffer.drain();
            }
            pendingProbe = upgrade.detach();
        }
        if (pendingProbe != null) {
            pendingProbe.close();
        }
        notifyClosed(reason);
        return true;
    }

    /** Under the lock: the session takes and sends nothing more. @return its probe, for the caller to close */
    private WebSocketConnection markClosed() {
        state = State.CLOSED;
        heartbeat.stop();
        return upgrade.detach();
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
}
