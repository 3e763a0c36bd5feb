package dev.realtime.typing;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Who is typing in which chat, with an expiry: the seam between one node and a cluster. Every change of an entry
 * (started, stopped, expired) is reported to exactly one caller in the cluster, so the node that hears of it is
 * the one node that announces it.
 *
 * <p>An entry lasts for the store's timeout after its last start. Once it has expired, it is no longer listed and
 * the expiry listener hears of it once, on one node; until that happened a start only refreshes it (its stop was
 * never reported, so it never stopped) and a stop reports it stopped. A shared store must let any node report an
 * expiry, so an entry whose node crashed still ends, once.
 *
 * <p>Answers are asynchronous and never block the caller; they may complete on an I/O thread, so whatever is
 * chained on them must not block either. A shared store fails its answers at once while it cannot be reached,
 * keeping nothing for later.
 */
public interface TypingStore {

    /** Reported once per expired entry, on one node. */
    @FunctionalInterface
    interface ExpiryListener {
        void expired(String chatId, String userId);
    }

    /**
     * Starts the entry or refreshes its expiry.
     *
     * @return true when it was not there, so the start is new; false when it only was refreshed
     */
    CompletableFuture<Boolean> start(String chatId, String userId);

    /** Ends the entry. @return true when it was there, so this call is the one that stopped it */
    CompletableFuture<Boolean> stop(String chatId, String userId);

    /** The users with an entry in the chat that has not expired, on every node. */
    CompletableFuture<Set<String>> typingUsers(String chatId);

    /** Ends every entry of the user. @return the chats whose entry this call ended (each reported to one caller) */
    CompletableFuture<Set<String>> clear(String userId);

    /**
     * Sets who hears of expired entries; call it once, before the first start. A shared store looks for expired
     * entries only once it has a listener, so a node without one never takes another node's expiry away.
     */
    void onExpired(ExpiryListener listener);
}
