package dev.realtime.socketio;

import dev.realtime.engineio.EngineMetrics;

/**
 * What the Socket.IO layer reports for monitoring, besides what its Engine.IO layer reports. Called on event loops:
 * an implementation returns at once, never blocks and never throws. Counts that are state (sockets, rooms) are read
 * from the server instead ({@link SocketIoServer#socketCount()}, {@link SocketIoServer#roomCount()}).
 *
 * <p>Event names come from the server's own code, except that of an event a client sent: that is reported only
 * when the namespace has a handler for it, and as {@link #OTHER} otherwise, so a client cannot make up names.
 */
public interface ServerMetrics extends EngineMetrics {

    /** The name reported for a client event no handler was registered for. */
    String OTHER = "other";

    /** Reports nothing. */
    ServerMetrics NONE = new ServerMetrics() {
    };

    /** A socket sent an event: its name, or {@link #OTHER}. */
    default void eventReceived(String event) {
    }

    /** The server sent an event to one socket (an emit to that socket alone, with or without ack). */
    default void eventSent(String event) {
    }

    /**
     * A broadcast, made here or by another node, was handed to this node's sockets it reaches.
     *
     * @param recipients how many sockets of this node it was handed to (each one got the event once)
     * @param nanos      how long handing it to all of them took
     */
    default void broadcastDelivered(String event, int recipients, long nanos) {
    }
}
