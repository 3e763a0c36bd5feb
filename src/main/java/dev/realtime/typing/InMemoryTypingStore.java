package dev.realtime.typing;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Typing held in this process, each entry with its own expiry timer, so it expires on time. Single node only:
 * other nodes' entries are not seen. Answers are complete when returned.
 */
public final class InMemoryTypingStore implements TypingStore {

    private record Key(String chatId, String userId) {
    }

    private final Map<Key, ScheduledFuture<?>> typing = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final long timeoutMillis;
    private volatile ExpiryListener listener = (chatId, userId) -> { };

    /** @param timer runs the expiries; they do not block */
    public InMemoryTypingStore(ScheduledExecutorService timer, Duration timeout) {
        this.timer = timer;
        this.timeoutMillis = timeout.toMillis();
    }

    @Override
    public CompletableFuture<Boolean> start(String chatId, String userId) {
        boolean[] started = {false};
        typing.compute(new Key(chatId, userId), (key, expiry) -> {
            if (expiry != null) {
                expiry.cancel(false);
            } else {
                started[0] = true;
            }
            return timer.schedule(() -> expire(key), timeoutMillis, TimeUnit.MILLISECONDS);
        });
        return CompletableFuture.completedFuture(started[0]);
    }

    @Override
    public CompletableFuture<Boolean> stop(String chatId, String userId) {
        ScheduledFuture<?> expiry = typing.remove(new Key(chatId, userId));
        if (expiry != null) {
            expiry.cancel(false);
        }
        return CompletableFuture.completedFuture(expiry != null);
    }

    @Override
    public CompletableFuture<Set<String>> typingUsers(String chatId) {
        return CompletableFuture.completedFuture(typing.keySet().stream().filter(key -> key.chatId().equals(chatId))
                .map(Key::userId).collect(Collectors.toUnmodifiableSet()));
    }

    @Override
    public CompletableFuture<Set<String>> clear(String userId) {
        Set<String> stopped = new LinkedHashSet<>();
        typing.keySet().stream().filter(key -> key.userId().equals(userId)).toList().forEach(key -> {
            // Removed one by one: a stop racing this clear ends each entry once, whichever of them gets it.
            ScheduledFuture<?> expiry = typing.remove(key);
            if (expiry != null) {
                expiry.cancel(false);
                stopped.add(key.chatId());
            }
        });
        return CompletableFuture.completedFuture(Set.copyOf(stopped));
    }

    @Override
    public void onExpired(ExpiryListener listener) {
        this.listener = listener;
    }

    private void expire(Key key) {
        boolean[] removed = {false};
        typing.computeIfPresent(key, (k, expiry) -> {
            // Only the expiry still scheduled for this key may end it: a refresh replaced older ones.
            removed[0] = expiry.getDelay(TimeUnit.MILLISECONDS) <= 0;
            return removed[0] ? null : expiry;
        });
        if (removed[0]) {
            listener.expired(key.chatId(), key.userId());
        }
    }
}
