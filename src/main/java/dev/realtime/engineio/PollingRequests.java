package dev.realtime.engineio;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A polling session's side of the HTTP requests: a GET takes what is queued or waits for it, a POST brings the
 * client's packets in, one of each at a time. Shares the session's lock; a poll is answered after releasing it.
 */
final class PollingRequests {

    private static final long HELD_POLL_MILLIS = 100;

    private final EngineSession session;
    private final EngineServer server;
    private final Outbound outbound;
    private final UpgradeProbe upgrade;

    PollingRequests(EngineSession session, EngineServer server, Outbound outbound, UpgradeProbe upgrade) {
        this.session = session;
        this.server = server;
        this.outbound = outbound;
        this.upgrade = upgrade;
    }

    PollResult poll(CompletableFuture<String> request) {
        boolean overlapping;
        String body = null;
        synchronized (session.lock) {
            PollResult.Refused refused = refusal();
            if (refused != null) {
                return refused;
            }
            overlapping = session.state() == EngineSession.State.OPEN && outbound.polling().hasParked();
            if (!overlapping) {
                body = takeOrWait(request);
            }
        }
        if (overlapping) {
            session.terminate("transport error: overlapping poll", EnginePacket.CLOSE,
                    CloseStatus.protocolError("overlapping poll"));
            return new PollResult.Refused(EngineError.BAD_REQUEST);
        }
        if (body != null) {
            if (!session.isOpen()) {
                server.remove(session);
            }
            request.complete(body);
        }
        return new PollResult.Body(request);
    }

    /** The HTTP connection of a parked poll went away: the client is gone or broke the protocol. */
    void pollAborted(CompletableFuture<String> request) {
        if (unpark(request)) {
            session.terminate("transport error: poll closed prematurely", EnginePacket.CLOSE);
        }
    }

    PollResult post(String payload) {
        synchronized (session.lock) {
            PollResult.Refused refused = refusal();
            if (refused != null) {
                return refused;
            }
            if (session.state() == EngineSession.State.CLOSING) {
                return ok();
            }
            if (!outbound.polling().beginPost()) {
                overlappingPost();
                return new PollResult.Refused(EngineError.BAD_REQUEST);
            }
        }
        try {
            EngineCodec.decodePayload(payload).forEach(session::receive);
        } catch (ProtocolException e) {
            session.malformed(e);
            return new PollResult.Refused(EngineError.BAD_REQUEST);
        } finally {
            synchronized (session.lock) {
                // An upgrade may have completed meanwhile: then there is no polling left to release.
                if (outbound.polling() != null) {
                    outbound.polling().endPost();
                }
            }
        }
        return ok();
    }

    /** Under the session's lock: why any polling request is refused now, or null when it may go on. */
    private PollResult.Refused refusal() {
        if (session.state() == EngineSession.State.CLOSED) {
            return new PollResult.Refused(EngineError.UNKNOWN_SID);
        }
        if (outbound.polling() == null) {
            return new PollResult.Refused(EngineError.BAD_REQUEST);
        }
        return null;
    }

    /** Under the session's lock: the body to answer {@code request} with now, or null when it is left to wait. */
    private String takeOrWait(CompletableFuture<String> request) {
        PollingBuffer polling = outbound.polling();
        if (session.state() == EngineSession.State.CLOSING) {
            return session.endLinger();
        }
        if (!polling.isEmpty()) {
            return upgrade.isProbed() ? polling.drainPayload(EnginePacket.NOOP) : polling.drainPayload();
        }
        if (upgrade.isProbing()) {
            // A poll that arrives mid-upgrade is held briefly: if the client's "5" was already on its way, the
            // upgrade completes first and the poll is refused like any poll after it; if not, a noop ends it.
            polling.hold(request);
            server.timer().schedule(() -> releaseHeld(request), HELD_POLL_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            polling.park(request);
        }
        return null;
    }

    private void releaseHeld(CompletableFuture<String> request) {
        if (unpark(request)) {
            request.complete(PollingBuffer.payloadOf(EnginePacket.NOOP));
        }
    }

    /** @return true when {@code request} was still the parked one and is now the caller's to answer */
    private boolean unpark(CompletableFuture<String> request) {
        synchronized (session.lock) {
            PollingBuffer polling = outbound.polling();
            if (polling == null || !polling.isParked(request)) {
                return false;
            }
            polling.unpark();
            return true;
        }
    }

    // Ended from the timer, not here: this runs under the lock, and ending the session tells the handler.
    private void overlappingPost() {
        server.timer().execute(() -> session.terminate("transport error: overlapping post", EnginePacket.CLOSE,
                CloseStatus.protocolError("overlapping post")));
    }

    private static PollResult ok() {
        return new PollResult.Body(CompletableFuture.completedFuture("ok"));
    }
}
