package dev.realtime.engineio;

/**
 * What the Engine.IO layer reports for monitoring. Called on event loops and timer threads: an implementation
 * returns at once, never blocks and never throws. Counts that are state (sessions by transport) are read from the
 * server instead ({@link EngineServer#sessionCountOn(String)}).
 */
public interface EngineMetrics {

    /** Reports nothing. */
    EngineMetrics NONE = new EngineMetrics() {
    };

    /** A packet for a session was dropped instead of queued, its outbound buffer being over its soft mark. */
    default void outboundDropped() {
    }

    /** A session was closed because its peer did not take what was sent to it (its outbound buffer was full). */
    default void slowConsumerClosed() {
    }

    /**
     * A per-connection limit refused a request or packet, or closed the connection, without an error ack (an
     * error ack with RATE_LIMITED is counted where it is sent).
     */
    default void rateLimited() {
    }
}
