package dev.realtime.socketio;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Handles an event of a namespace that has no handler of its own, so the application can answer its ack (with an
 * error, typically) instead of leaving the client waiting. Same threading rules as {@link EventHandler}.
 */
@FunctionalInterface
public interface UnknownEventHandler {

    /**
     * @param socket the sending socket
     * @param event  the event's name
     * @param args   the event's arguments after its name; binary attachments are {@code BinaryNode}s
     * @param ack    the acknowledgement, {@link Ack#NONE} when the client asked for none
     */
    void handle(Socket socket, String event, List<JsonNode> args, Ack ack);
}
