package dev.realtime.cluster;

import java.util.List;
import java.util.Set;

/**
 * The Redis channels of one namespace, named as the Node adapter names them: broadcasts on {@code <prefix>#<nsp>#}
 * or, for a single room, {@code <prefix>#<nsp>#<room>#}; requests on {@code <prefix>-request#<nsp>#}; answers on
 * the shared {@code <prefix>-response#<nsp>#} and on a node's own {@code <prefix>-response#<nsp>#<uid>#}.
 */
record ClusterChannels(String broadcast, String request, String response, String ownResponse) {

    static ClusterChannels of(String prefix, String namespace, String uid) {
        return new ClusterChannels(prefix + "#" + namespace + "#", prefix + "-request#" + namespace + "#",
                prefix + "-response#" + namespace + "#", prefix + "-response#" + namespace + "#" + uid + "#");
    }

    /** The channel of a broadcast to these rooms: the room's own channel for exactly one room. */
    String broadcastTo(Set<String> rooms) {
        return rooms.size() == 1 ? broadcast + rooms.iterator().next() + "#" : broadcast;
    }

    /** The room a broadcast channel names, "" for the namespace's channel, null for another namespace's. */
    String roomOf(String channel) {
        if (!channel.startsWith(broadcast) || !channel.endsWith("#")) {
            return null;
        }
        return channel.length() == broadcast.length() ? "" : channel.substring(broadcast.length(), channel.length() - 1);
    }

    /** Matches the namespace's channel and every room channel; glob characters of the name are escaped. */
    String broadcastPattern() {
        StringBuilder pattern = new StringBuilder();
        for (char c : broadcast.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                pattern.append('\\');
            }
            pattern.append(c);
        }
        return pattern.append('*').toString();
    }

    /** The channels a node subscribes to (not by pattern). */
    List<String> subscribed() {
        return List.of(request, response, ownResponse);
    }
}
