package dev.realtime.presence;

import java.util.Optional;
import java.util.Set;

/**
 * Who is connected, counted per connection, and with which status. The seam between one node and a cluster.
 *
 * <p>Counts are per connection so a user with two tabs stays online when one closes. A user whose last
 * connection closed keeps its entry (and status) until {@link #removeIfIdle} ends it, so a reconnect within the
 * grace period finds the user as it was. An in-memory store forgets everything with its process; a shared store
 * must expire the connections of a node that stopped refreshing them, so a crashed node's users go offline after
 * the expiry instead of staying online for ever.
 */
public interface PresenceStore {

    /** Records a connection. @return how many connections the user has now */
    int connect(String userId, String connectionId);

    /**
     * Forgets a connection.
     *
     * @return how many connections the user has left, or -1 when the connection was not known (nothing changed)
     */
    int disconnect(String userId, String connectionId);

    int connections(String userId);

    /** Ends the user's entry if it has no connection. @return true when it was ended */
    boolean removeIfIdle(String userId);

    /** Sets the status shown while the user has an entry ("online" or "away"). */
    void setStatus(String userId, String status);

    /** The status of a user with an entry (connected, or in the grace period); empty otherwise. */
    Optional<String> status(String userId);

    /** Users with an entry. */
    Set<String> onlineUsers();
}
