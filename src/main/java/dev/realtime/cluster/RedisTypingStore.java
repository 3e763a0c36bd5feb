package dev.realtime.cluster;

import dev.realtime.typing.TypingStore;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Typing shared by every node of one prefix through Redis (keys and scripts: {@link TypingScripts}). Every node
 * sweeps: each round atomically takes at most {@code sweepLimit} expired entries, whichever node started them, so
 * an entry whose node died still ends, reported by exactly one node. An expired entry is reported up to one sweep
 * interval late (later when more than {@code sweepLimit} expire at once: a full round sweeps again at once).
 *
 * <p>Limits: while Redis is unreachable every call fails at once and no expiry is reported; entries that outlive
 * it are reported late once it is back. A Redis that restarted empty forgets the entries, and their stop is never
 * reported.
 */
public final class RedisTypingStore implements TypingStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisTypingStore.class);
    /** Keys outlive their last write by this much beyond the timeout, in case no node is left to sweep them. */
    private static final Duration LEFTOVER = Duration.ofMinutes(1);

    private final RedisNode node;
    private final String keys;
    private final String timeoutMillis;
    private final String lifetimeMillis;
    private final long sweepEveryMillis;
    private final int sweepLimit;
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private final AtomicBoolean sweepFailing = new AtomicBoolean();
    private volatile ExpiryListener listener;
    private volatile boolean closed;

    /**
     * @param sweepEvery how often this node looks for expired entries
     * @param sweepLimit most entries one look takes, so one round stays short however many expired
     */
    public RedisTypingStore(RedisNode node, Duration timeout, Duration sweepEvery, int sweepLimit) {
        if (timeout.toMillis() <= 0 || sweepEvery.toMillis() <= 0 || sweepLimit <= 0) {
            throw new IllegalArgumentException("timeout, sweep interval and sweep limit must be positive");
        }
        this.node = node;
        this.keys = "{" + node.prefix() + ":typing}:";
        this.timeoutMillis = Long.toString(timeout.toMillis());
        this.lifetimeMillis = Long.toString(timeout.plus(timeout).plus(LEFTOVER).toMillis());
        this.sweepEveryMillis = sweepEvery.toMillis();
        this.sweepLimit = sweepLimit;
    }

    @Override
    public CompletableFuture<Boolean> start(String chatId, String userId) {
        return TypingScripts.START.<Long>run(node, ScriptOutputType.INTEGER, entryKeys(chatId, userId),
                chatId, userId, timeoutMillis, lifetimeMillis).thenApply(added -> added == 1L);
    }

    @Override
    public CompletableFuture<Boolean> stop(String chatId, String userId) {
        return TypingScripts.STOP.<Long>run(node, ScriptOutputType.INTEGER, entryKeys(chatId, userId), chatId, userId)
                .thenApply(removed -> removed == 1L);
    }

    @Override
    public CompletableFuture<Set<String>> typingUsers(String chatId) {
        return TypingScripts.TYPING_USERS.<List<String>>run(node, ScriptOutputType.MULTI,
                new String[] {chatKey(chatId)}).thenApply(Set::copyOf);
    }

    @Override
    public CompletableFuture<Set<String>> clear(String userId) {
        return TypingScripts.CLEAR.<List<String>>run(node, ScriptOutputType.MULTI,
                new String[] {dueKey(), userKey(userId)}, userId, chatKey("")).thenApply(Set::copyOf);
    }

    /** Starts this node's sweeps: before there is a listener, this node takes no expired entry. */
    @Override
    public void onExpired(ExpiryListener listener) {
        this.listener = listener;
        if (sweeping.compareAndSet(false, true)) {
            sweepIn(sweepEveryMillis);
        }
    }

    /** Stops sweeping; what this node started is left to the others' sweeps. */
    @Override
    public void close() {
        closed = true;
    }

    private void sweepIn(long delayMillis) {
        if (closed) {
            return;
        }
        try {
            node.scheduler().schedule(this::sweep, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("typing sweeps end with the Redis node's scheduler", e);
        }
    }

    private void sweep() {
        CompletableFuture<List<String>> popped;
        try {
            popped = TypingScripts.SWEEP.run(node, ScriptOutputType.MULTI, new String[] {dueKey()},
                    Integer.toString(sweepLimit), chatKey(""), userKey(""));
        } catch (RuntimeException e) {
            popped = CompletableFuture.failedFuture(e);
        }
        popped.whenComplete(this::swept);
    }

    private void swept(List<String> popped, Throwable error) {
        if (error != null) {
            noteFailure(error);
            sweepIn(sweepEveryMillis);
            return;
        }
        if (sweepFailing.compareAndSet(true, false)) {
            log.info("typing sweeps work again");
        }
        try {
            report(popped);
        } finally {
            // Whatever a listener threw, this node keeps sweeping; a full round means more are waiting.
            sweepIn(popped.size() / 2 >= sweepLimit ? 0 : sweepEveryMillis);
        }
    }

    /** Each popped entry is this node's alone to report; one failing report does not lose the others. */
    private void report(List<String> popped) {
        for (int i = 0; i + 1 < popped.size(); i += 2) {
            try {
                listener.expired(popped.get(i), popped.get(i + 1));
            } catch (RuntimeException e) {
                log.warn("reporting the expiry of user {} typing in chat {} failed", popped.get(i + 1), popped.get(i), e);
            }
        }
    }

    private void noteFailure(Throwable error) {
        // A sweep cut off by this node's shutdown is no failure worth a warning.
        if (!closed && sweepFailing.compareAndSet(false, true)) {
            log.warn("typing sweeps fail, expiries are reported once they work again: {}", error.toString());
        }
    }

    private String[] entryKeys(String chatId, String userId) {
        return new String[] {dueKey(), chatKey(chatId), userKey(userId)};
    }

    private String dueKey() {
        return keys + "due";
    }

    private String chatKey(String chatId) {
        return keys + "chat:" + chatId;
    }

    private String userKey(String userId) {
        return keys + "user:" + userId;
    }
}
