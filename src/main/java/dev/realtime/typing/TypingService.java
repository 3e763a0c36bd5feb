package dev.realtime.typing;

import dev.realtime.system.ApiException;
import dev.realtime.system.ErrorCode;
import dev.realtime.typing.TypingEvents.UserTyping;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Who is typing where. A start within the timeout of the previous one only refreshes the expiry (no new
 * {@code user.typing}); without a refresh the server stops it by itself. The store tells which node saw each
 * change, and only that node publishes it, so a cluster announces every change once.
 *
 * <p>Events are published on the thread that completes the store's answer (an I/O thread with a shared store),
 * before the returned future completes. While the store cannot be reached, starts and stops fail with
 * SERVICE_UNAVAILABLE and nothing is published; the outage is logged once, not per call.
 */
@Service
public class TypingService {

    private static final Logger log = LoggerFactory.getLogger(TypingService.class);

    private final TypingStore store;
    private final ApplicationEventPublisher publisher;
    private final AtomicBoolean unreachable = new AtomicBoolean();

    TypingService(TypingStore store, ApplicationEventPublisher publisher) {
        this.store = store;
        this.publisher = publisher;
        store.onExpired((chatId, userId) -> publisher.publishEvent(new UserTyping(chatId, userId, false)));
    }

    /** @return true when the user was not typing there yet, so {@code user.typing} was published */
    public CompletableFuture<Boolean> startTyping(String userId, String chatId) {
        return reached(store.start(chatId, userId)).thenApply(started -> {
            if (started) {
                publisher.publishEvent(new UserTyping(chatId, userId, true));
            }
            return started;
        });
    }

    /** @return true when the user was typing there, so {@code user.typing} (stopped) was published */
    public CompletableFuture<Boolean> stopTyping(String userId, String chatId) {
        return reached(store.stop(chatId, userId)).thenApply(stopped -> {
            if (stopped) {
                publisher.publishEvent(new UserTyping(chatId, userId, false));
            }
            return stopped;
        });
    }

    /** The users typing in the chat now, on every node. */
    public CompletableFuture<Set<String>> getTypingUsers(String chatId) {
        return reached(store.typingUsers(chatId));
    }

    /**
     * Stops the user's typing everywhere (the user went away). Runs without being waited for, and never fails:
     * typing that could not be stopped while the store is unreachable expires by itself.
     */
    public CompletableFuture<Void> clearTyping(String userId) {
        return reached(store.clear(userId))
                .thenAccept(chats -> chats.forEach(chatId -> publisher.publishEvent(new UserTyping(chatId, userId, false))))
                .exceptionally(error -> null);
    }

    /** The store's answer, noting when it starts or stops being reachable; its failure as SERVICE_UNAVAILABLE. */
    private <T> CompletableFuture<T> reached(CompletableFuture<T> answer) {
        return answer.handle((value, error) -> {
            if (error == null) {
                if (unreachable.compareAndSet(true, false)) {
                    log.info("typing store reachable again");
                }
                return value;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (unreachable.compareAndSet(false, true)) {
                log.warn("typing store unreachable, typing is off until it is back: {}", cause.toString());
            }
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "typing is unavailable now, retry later");
        });
    }
}
