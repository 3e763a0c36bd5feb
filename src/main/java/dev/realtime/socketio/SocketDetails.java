package dev.realtime.socketio;

import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A socket as a cluster sees it, on this node or another: what {@code fetchSockets()} answers.
 *
 * @param id        the socket id, unique across the cluster; also the name of a room holding it alone
 * @param handshake what it presented when it connected, in Socket.IO's shape (headers, time, address, xdomain,
 *                  secure, issued, url, query, auth)
 * @param rooms     the rooms it is in, its own id room included
 * @param data      application data shared with other nodes ({@code {}} when none)
 */
public record SocketDetails(String id, ObjectNode handshake, Set<String> rooms, JsonNode data) {

    public SocketDetails {
        rooms = Set.copyOf(rooms);
    }
}
