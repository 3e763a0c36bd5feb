package dev.realtime.presence;

import java.util.Optional;
import java.util.Set;

/**
 * Who is connected, counted per connection, and with which status. The seam between one node and a cluster.
 *
 * <p>Counts are per connection so a user with two tabs stays online when one closes. An in-memory store forgets
 * everything with its process; a shared store must expire the connections of a node that stopped refreshing them,
 * so a crashed node's users go offline after the expiry instead of staying online for ever.
 */
public interface PresenceStore {

    /** Records a connection. @return how many connections the user has now */
    int connect(String userId, String connectionId);

    /** Forgets a connection; unknown ids change nothing. @return how many connections the user has left */
    int disconnect(String userId, String connectionId);

    int connections(String userId);

    /** Sets the status shown while the user is connected ("online" or "away"). */
    void setStatus(String userId, String status);

    /** The status of a connected user; empty when the user has no connection. */
    Optional<String> status(String userId);

    Set<String> onlineUsers();
}
