package dev.realtime.typing;

import dev.realtime.typing.TypingEvents.UserTyping;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Who is typing where. A start within the timeout of the previous one only refreshes the expiry (no new
 * {@code user.typing}); without a refresh the server stops it by itself. Single node: state is in this process.
 */
@Service
public class TypingService {

    private record Key(String chatId, String userId) {
    }

    private final Map<Key, ScheduledFuture<?>> typing = new ConcurrentHashMap<>();
    private final ApplicationEventPublisher publisher;
    private final ScheduledExecutorService timer;
    private final TypingProperties properties;

    TypingService(ApplicationEventPublisher publisher, ScheduledExecutorService realtimeTimer,
                  TypingProperties properties) {
        this.publisher = publisher;
        this.timer = realtimeTimer;
        this.properties = properties;
    }

    /** @return true when the user was not typing there yet, so {@code user.typing} was published */
    public boolean startTyping(String userId, String chatId) {
        Key key = new Key(chatId, userId);
        boolean[] started = {false};
        typing.compute(key, (k, expiry) -> {
            if (expiry != null) {
                expiry.cancel(false);
            } else {
                started[0] = true;
            }
            return timer.schedule(() -> expire(k), properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
        });
        if (started[0]) {
            publisher.publishEvent(new UserTyping(chatId, userId, true));
        }
        return started[0];
    }

    /** @return true when the user was typing there, so {@code user.typing} (stopped) was published */
    public boolean stopTyping(String userId, String chatId) {
        ScheduledFuture<?> expiry = typing.remove(new Key(chatId, userId));
        if (expiry == null) {
            return false;
        }
        expiry.cancel(false);
        publisher.publishEvent(new UserTyping(chatId, userId, false));
        return true;
    }

    /** The users typing in the chat now. */
    public Set<String> getTypingUsers(String chatId) {
        return typing.keySet().stream().filter(key -> key.chatId().equals(chatId)).map(Key::userId)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Stops the user's typing everywhere (the user went away). */
    public void clearTyping(String userId) {
        List<Key> keys = typing.keySet().stream().filter(key -> key.userId().equals(userId)).toList();
        keys.forEach(key -> stopTyping(key.userId(), key.chatId()));
    }

    private void expire(Key key) {
        ScheduledFuture<?>[] removed = new ScheduledFuture<?>[1];
        typing.computeIfPresent(key, (k, expiry) -> {
            // Only the expiry still scheduled for this key may end it: a refresh replaced older ones.
            if (expiry.getDelay(TimeUnit.MILLISECONDS) <= 0) {
                removed[0] = expiry;
                return null;
            }
            return expiry;
        });
        if (removed[0] != null) {
            publisher.publishEvent(new UserTyping(key.chatId(), key.userId(), false));
        }
    }
}
