package dev.realtime.engineio;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The upgrade of a polling session to WebSocket: the client opens a WebSocket with the session's id, sends "2probe"
 * on it and is answered "3probe", then sends "5" to move the session over; until then the session stays on polling.
 * One probe at a time, closed when it does not finish within upgradeTimeout. Shares the session's lock.
 */
final class UpgradeProbe {

    private final EngineSession session;
    private final Outbound outbound;
    private final EngineOptions options;
    private final ScheduledExecutorService timer;
    private WebSocketConnection probe;
    private boolean probed;
    private ScheduledFuture<?> deadline;

    UpgradeProbe(EngineSession session, Outbound outbound, EngineOptions options, ScheduledExecutorService timer) {
        this.session = session;
        this.outbound = outbound;
        this.options = options;
        this.timer = timer;
    }

    /** @return false when the session cannot take a probe now (already upgraded, upgrading or closing) */
    boolean begin(WebSocketConnection connection) {
        synchronized (session.lock) {
            if (session.state() != EngineSession.State.OPEN || outbound.polling() == null || probe != null
                    || !options.allowUpgrades()) {
                return false;
            }
            probe = connection;
            deadline = timer.schedule(() -> abort(connection, CloseStatus.NORMAL),
                    options.upgradeTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return true;
        }
    }

    /** Under the session's lock: a probe is under way, so a poll that finds nothing queued is held, not parked. */
    boolean isProbing() {
        return probe != null;
    }

    /** Under the session's lock: the probe was answered, so a poll ends with a noop and the client pauses polling. */
    boolean isProbed() {
        return probed;
    }

    void onText(WebSocketConnection connection, String text) {
        switch (text) {
            case "2probe" -> answer(connection);
            case "5" -> complete(connection);
            default -> abort(connection, CloseStatus.protocolError("unexpected packet during upgrade"));
        }
    }

    /** Closes the probe with {@code status}, unless it is no longer this session's probe; the session stays on polling. */
    void abort(WebSocketConnection connection, CloseStatus status) {
        synchronized (session.lock) {
            if (probe != connection) {
                return;
            }
            detach();
        }
        connection.close(status);
    }

    /**
     * Under the session's lock: forgets the probe and stops its deadline, when it aborts, completes, or the session
     * closes.
     *
     * @return the probe, for the caller to close once the lock is released; null when there was none
     */
    WebSocketConnection detach() {
        if (deadline != null) {
            deadline.cancel(false);
        }
        WebSocketConnection detached = probe;
        probe = null;
        probed = false;
        return detached;
    }

    private void answer(WebSocketConnection connection) {
        CompletableFuture<String> parked;
        synchronized (session.lock) {
            if (probe != connection || session.state() != EngineSession.State.OPEN) {
                return;
            }
            probed = true;
            // A poll parked before the probe is an ordinary long poll: end it so the client can pause polling.
            PollingBuffer polling = outbound.polling();
            parked = polling.isHeld() ? null : polling.unpark();
        }
        connection.send(List.of(EnginePacket.text(PacketType.PONG, "probe")), options.maxBufferedBytes());
        if (parked != null) {
            parked.complete(PollingBuffer.payloadOf(EnginePacket.NOOP));
        }
    }

    private void complete(WebSocketConnection connection) {
        boolean upgraded;
        CompletableFuture<String> overtaken = null;
        boolean fitted = true;
        synchronized (session.lock) {
            upgraded = probe == connection && probed && session.state() == EngineSession.State.OPEN;
            if (upgraded) {
                detach();
                overtaken = outbound.polling().unpark();
                fitted = outbound.switchTo(connection);
            }
        }
        if (!upgraded) {
            abort(connection, CloseStatus.protocolError("upgrade before probe"));
            return;
        }
        if (overtaken != null) {
            // Any poll parked now arrived after the probe connection: it is one the upgrade overtook.
            overtaken.completeExceptionally(new PollRefusedException(EngineError.BAD_REQUEST));
        }
        if (!fitted) {
            session.outboundFull();
        }
    }
}
