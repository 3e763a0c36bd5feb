package dev.realtime.presence;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Who is connected, counted per connection over every node sharing the store, and with which status. The seam
 * between one node and a cluster.
 *
 * <p>Every method returns at once; its future completes when the store has answered, possibly on a thread of the
 * store's client, so nothing chained on it may block. Each call is atomic in the store: two nodes calling at once
 * see each other's change whole or not at all. A shared store that cannot be reached fails the future at once
 * (or after its request timeout) and keeps nothing queued for later.
 *
 * <p>Counts are per connection, so a user with two tabs stays online when one closes. A user has an <em>entry</em>
 * from its first connection until {@link #removeIfIdle} ends it. When the last connection anywhere closes, the
 * entry turns <em>idle</em> under a new token and the node that closed it runs the grace timer; a connection made
 * meanwhile on any node ends the idle period, so a timer holding its token finds nothing to end. The entry keeps
 * its status throughout, so a reconnect within the grace period finds the user as it was.
 *
 * <p>What a crashed node leaves behind: a shared store knows each node's connections and when the node last proved
 * alive. Once a node has been silent for the node timeout, exactly one surviving node drops its connections and
 * takes over the idle periods it was timing ({@link Listener#graceStarted}); so a crashed node's users stay online
 * for at most the node timeout, one heartbeat and the grace period. An in-memory store forgets everything with its
 * process and never hands anything over.
 */
public interface PresenceStore {

    /** What {@link #connect} found. @param cameOnline the user had no entry: this is news to its contacts */
    record Connected(boolean cameOnline, PresenceStatus status) {
    }

    /**
     * What {@link #disconnect} did.
     *
     * @param connectionsLeft the user's connections on every node now, or -1 when the connection was not known
     * @param idle            present when this was the last connection: the grace period this node must time
     */
    record Disconnected(int connectionsLeft, Optional<Idle> idle) {
    }

    /**
     * An idle period, which only this {@code token} may end: the user was last seen {@code since}, and the grace
     * period runs from {@code graceFrom}, later than that when a crashed node's connections were found gone.
     */
    record Idle(String userId, String token, OffsetDateTime since, OffsetDateTime graceFrom) {
    }

    /** What a shared store learns by itself and hands to this node. Called on the store's threads; must not block. */
    interface Listener {

        /** This node now times an idle period it did not start (a dead node's, or its own found after an outage). */
        void graceStarted(Idle idle);

        /** This node's connections, written again after it was taken for dead, brought the user back online. */
        void cameOnline(String userId, PresenceStatus status);
    }

    /** Starts whatever the store does by itself (heartbeats, sweeping dead nodes), reporting to {@code listener}. */
    void start(Listener listener);

    /** Records a connection of this node and ends an idle period of the user. A new entry's status is online. */
    CompletableFuture<Connected> connect(String userId, String connectionId);

    /** Forgets a connection of this node; when it was the user's last anywhere, an idle period starts. */
    CompletableFuture<Disconnected> disconnect(String userId, String connectionId, OffsetDateTime closedAt);

    /** Ends the user's entry if it is still in the idle period of {@code token}. @return true when it was ended */
    CompletableFuture<Boolean> removeIfIdle(String userId, String token);

    /** Sets online or away for a user with a connection. @return true when the status changed */
    CompletableFuture<Boolean> setStatus(String userId, PresenceStatus status);

    /** The status of each of the users that has an entry (connected, or in the grace period). */
    CompletableFuture<Map<String, PresenceStatus>> statuses(Collection<String> userIds);

    /** The user's connections on every node. */
    CompletableFuture<Integer> connections(String userId);

    /** Users with an entry. */
    CompletableFuture<Set<String>> onlineUsers();

    /** Whether other nodes share this store, and so outlive this node's idle periods and may take them over. */
    boolean isShared();
}
