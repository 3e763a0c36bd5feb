package dev.realtime.socketio;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Handles one event sent by clients of a namespace. Runs on the I/O thread that read the event, in arrival order
 * per socket: it must not block, and hands slow work (JDBC, hashing, remote calls) to an executor, answering the
 * {@link Ack} from there.
 */
@FunctionalInterface
public interface EventHandler {

    /**
     * @param socket the sending socket
     * @param args   the event's arguments after its name; binary attachments are {@code BinaryNode}s
     * @param ack    the acknowledgement, {@link Ack#NONE} when the client asked for none
     */
    void handle(Socket socket, List<JsonNode> args, Ack ack);
}
