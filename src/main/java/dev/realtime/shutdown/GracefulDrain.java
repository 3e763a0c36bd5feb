package dev.realtime.shutdown;

import static dev.realtime.system.Deadlines.awaitUntil;

import dev.realtime.engineio.EngineServer;
import dev.realtime.gateway.RealtimeGateway;
import dev.realtime.presence.PresenceService;
import dev.realtime.socketio.SocketIoServer;
import dev.realtime.system.Readiness;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * What a stop (SIGTERM) does before the web server and the database close, so that users move to another node
 * without losing anything: readiness goes down (a load balancer stops sending users here) and new connections are
 * refused with 503; events already taken are handled and acknowledged while new ones are refused with
 * SERVICE_UNAVAILABLE; then every connection is closed as a lost transport (WebSocket 1001), which the official
 * clients answer by reconnecting, through the load balancer to another node; last, presence ends this node's idle
 * periods while the database is still there.
 *
 * <p>Runs first among the lifecycle phases (the web server's own graceful shutdown and the connection pool come
 * after). Every wait is bounded by {@code realtime.shutdown.timeout}, less what the later phases may take.
 */
@Component
class GracefulDrain implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GracefulDrain.class);
    // A polling client polls again at once after each answer; one that has not within this is gone, and its session
    // ends with its heartbeat.
    private static final Duration POLL_AGAIN = Duration.ofSeconds(2);

    private final Readiness readiness;
    private final EngineServer engine;
    private final RealtimeGateway gateway;
    private final PresenceService presence;
    private final Duration budget;
    private volatile boolean running;

    GracefulDrain(Readiness readiness, SocketIoServer io, RealtimeGateway gateway, PresenceService presence,
                  ShutdownProperties properties,
                  // Left for the web server's graceful phase, which comes after the drain.
                  @Value("${spring.lifecycle.timeout-per-shutdown-phase:30s}") Duration laterPhase) {
        this.readiness = readiness;
        this.engine = io.engine();
        this.gateway = gateway;
        this.presence = presence;
        Duration timeout = properties.timeout();
        this.budget = timeout.compareTo(laterPhase.multipliedBy(2)) >= 0 ? timeout.minus(laterPhase)
                : timeout.dividedBy(2);
    }

    /** At start, and again after a stop without a close (a paused context): takes users again. */
    @Override
    public void start() {
        gateway.resume();
        engine.acceptNewSessions();
        readiness.resume();
        running = true;
    }

    @Override
    public void stop() {
        long started = System.nanoTime();
        long deadline = started + budget.toNanos();
        readiness.drain();
        engine.refuseNewSessions();
        gateway.drain();
        int connections = engine.sessionCount();
        log.info("draining: {} connections, {} events in flight; new connections refused", connections,
                gateway.inFlight());
        boolean answered = awaitUntil(() -> gateway.inFlight() == 0, deadline);
        engine.closeSessions();
        long pollAgain = System.nanoTime() + POLL_AGAIN.toNanos();
        boolean closed = awaitUntil(() -> engine.sessionCount() == 0, pollAgain - deadline < 0 ? pollAgain : deadline);
        presence.drain(deadline);
        long took = Duration.ofNanos(System.nanoTime() - started).toMillis();
        if (!answered) {
            log.warn("drain cut short after {} ms: {} events unanswered", took, gateway.inFlight());
        } else {
            log.info("drained in {} ms: {} connections closed, every event taken was answered{}", took, connections,
                    closed ? "" : "; " + engine.sessionCount() + " polling clients did not poll again");
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** First to stop: before the web server's graceful shutdown, while the database is still there. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
