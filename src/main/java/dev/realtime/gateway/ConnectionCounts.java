package dev.realtime.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Connected sockets per user on this node. A user is in the map only while one of its sockets is connected, so the
 * map is as large as the connected users, whatever clients send.
 */
final class ConnectionCounts {

    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    int of(String userId) {
        return counts.getOrDefault(userId, 0);
    }

    /** @return the user's connected sockets, this one included */
    int opened(String userId) {
        return add(userId, 1);
    }

    /**
     * A socket's disconnect may be heard before its connect (the transport closed while the socket was being
     * added): the count may go below zero for a moment and still ends where it should.
     */
    void closed(String userId) {
        add(userId, -1);
    }

    private int add(String userId, int delta) {
        Integer count = counts.merge(userId, delta, (old, change) -> old + change == 0 ? null : old + change);
        return count == null ? 0 : count;
    }
}
