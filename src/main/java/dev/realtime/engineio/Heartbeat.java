package dev.realtime.engineio;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A session's heartbeat: the server pings every pingInterval and ends the session when the pong is not back within
 * pingTimeout. Its timers share the session's lock, so a close never races a pong.
 */
final class Heartbeat {

    private final EngineSession session;
    private final ScheduledExecutorService timer;
    private final EngineOptions options;
    private ScheduledFuture<?> pingTask;
    private ScheduledFuture<?> pongDeadline;
    private boolean stopped;

    Heartbeat(EngineSession session, ScheduledExecutorService timer, EngineOptions options) {
        this.session = session;
        this.timer = timer;
        this.options = options;
    }

    /** Schedules the first ping. */
    void start() {
        synchronized (session.lock) {
            if (session.state() == EngineSession.State.OPEN) {
                schedulePing();
            }
        }
    }

    void onPong() {
        synchronized (session.lock) {
            if (pongDeadline == null) {
                return;
            }
            pongDeadline.cancel(false);
            pongDeadline = null;
            // Under the same hold: a close in between would otherwise find no heartbeat timer to end a linger.
            if (session.state() == EngineSession.State.OPEN) {
                schedulePing();
            }
        }
    }

    /** Under the session's lock, as it closes for good: no ping and no deadline from now on. */
    void stop() {
        stopped = true;
        if (pingTask != null) {
            pingTask.cancel(false);
        }
        if (pongDeadline != null) {
            pongDeadline.cancel(false);
            pongDeadline = null;
        }
    }

    private void schedulePing() {
        pingTask = timer.schedule(this::ping, options.pingInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void ping() {
        synchronized (session.lock) {
            if (stopped) {
                return;
            }
            // Armed before the ping leaves, so a fast pong always finds the deadline to cancel. A lingering session
            // sends no ping (send drops it) but gets the deadline all the same: it ends the session.
            pongDeadline = timer.schedule(() -> session.terminate("ping timeout", EnginePacket.CLOSE),
                    options.pingTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        session.send(EnginePacket.PING);
    }
}
