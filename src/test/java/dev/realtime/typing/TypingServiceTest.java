package dev.realtime.typing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtime.system.ApiException;
import dev.realtime.system.ErrorCode;
import dev.realtime.testing.ExpectedLog;
import dev.realtime.typing.TypingEvents.UserTyping;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** TypingService on the in-memory store and a real timer: which change publishes which {@code user.typing}. */
class TypingServiceTest {

    private static final Duration SHORT = Duration.ofMillis(100);
    private static final Duration LONG = Duration.ofMinutes(10);

    private final List<Object> published = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ExpectedLog logs = ExpectedLog.of(TypingService.class);

    @AfterEach
    void stop() {
        timer.shutdownNow();
        logs.close();
    }

    @Test
    void startTyping_notTypingYet_publishesStartBeforeAnswering() throws Exception {
        TypingService typing = typing(LONG);

        boolean started = answer(typing.startTyping("alice", "chat-1").thenApply(first -> first && published.size() == 1));

        assertThat(started).isTrue();
        assertThat(published).containsExactly(new UserTyping("chat-1", "alice", true));
        assertThat(answer(typing.getTypingUsers("chat-1"))).containsExactly("alice");
    }

    @Test
    void startTyping_againWithinTimeout_refreshesWithoutPublishing() throws Exception {
        TypingService typing = typing(LONG);
        answer(typing.startTyping("alice", "chat-1"));

        boolean startedAgain = answer(typing.startTyping("alice", "chat-1"));

        assertThat(startedAgain).isFalse();
        assertThat(published).containsExactly(new UserTyping("chat-1", "alice", true));
    }

    @Test
    void startTyping_notRefreshed_expiresWithOneStop() throws Exception {
        TypingService typing = typing(SHORT);

        answer(typing.startTyping("alice", "chat-1"));

        await().atMost(Duration.ofSeconds(5)).until(() -> published.size() == 2);
        assertThat(published).containsExactly(new UserTyping("chat-1", "alice", true),
                new UserTyping("chat-1", "alice", false));
        assertThat(answer(typing.getTypingUsers("chat-1"))).isEmpty();
    }

    @Test
    void stopTyping_whileTyping_publishesStop() throws Exception {
        TypingService typing = typing(LONG);
        answer(typing.startTyping("alice", "chat-1"));

        boolean stopped = answer(typing.stopTyping("alice", "chat-1"));

        assertThat(stopped).isTrue();
        assertThat(published).containsExactly(new UserTyping("chat-1", "alice", true),
                new UserTyping("chat-1", "alice", false));
        assertThat(answer(typing.getTypingUsers("chat-1"))).isEmpty();
    }

    @Test
    void stopTyping_notTyping_returnsFalseAndPublishesNothing() throws Exception {
        TypingService typing = typing(LONG);

        boolean stopped = answer(typing.stopTyping("alice", "chat-1"));

        assertThat(stopped).isFalse();
        assertThat(published).isEmpty();
    }

    @Test
    void clearTyping_typingInTwoChats_stopsBothAndLeavesOthersTyping() throws Exception {
        TypingService typing = typing(LONG);
        answer(typing.startTyping("alice", "chat-1"));
        answer(typing.startTyping("alice", "chat-2"));
        answer(typing.startTyping("bob", "chat-1"));
        published.clear();

        answer(typing.clearTyping("alice"));

        assertThat(published).containsExactlyInAnyOrder(new UserTyping("chat-1", "alice", false),
                new UserTyping("chat-2", "alice", false));
        assertThat(answer(typing.getTypingUsers("chat-1"))).containsExactly("bob");
        assertThat(answer(typing.getTypingUsers("chat-2"))).isEmpty();
    }

    @Test
    void clearTyping_notTypingAnywhere_publishesNothing() throws Exception {
        TypingService typing = typing(LONG);
        answer(typing.startTyping("bob", "chat-1"));
        published.clear();

        answer(typing.clearTyping("alice"));

        assertThat(published).isEmpty();
    }

    @Test
    void storeUnreachable_startAndStopFailUnavailableClearCompletesNothingPublished() {
        UnreachableStore store = new UnreachableStore();
        TypingService typing = new TypingService(store, published::add);

        CompletableFuture<Boolean> start = typing.startTyping("alice", "chat-1");
        CompletableFuture<Boolean> stop = typing.stopTyping("alice", "chat-1");
        CompletableFuture<Void> clear = typing.clearTyping("alice");

        assertThat(List.of(start, stop)).allSatisfy(answer -> assertThat(answer).failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(ExecutionException.class).havingCause().isInstanceOfSatisfying(ApiException.class,
                        error -> assertThat(error.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE)));
        assertThat(clear).succeedsWithin(Duration.ofSeconds(5));
        assertThat(published).isEmpty();
        assertThat(logs.lines()).singleElement().asString().contains("typing store unreachable");
    }

    @Test
    void storeUnreachable_manyCalls_loggedOnceAndOnceMoreWhenBack() throws Exception {
        UnreachableStore store = new UnreachableStore();
        TypingService typing = new TypingService(store, published::add);

        for (int i = 0; i < 5; i++) {
            typing.startTyping("alice", "chat-1");
        }
        store.reachable = true;
        answer(typing.startTyping("alice", "chat-1"));
        answer(typing.stopTyping("alice", "chat-1"));

        assertThat(logs.lines()).satisfiesExactly(
                warning -> assertThat(warning).contains("unreachable", "not connected to Redis yet"),
                back -> assertThat(back).contains("reachable again"));
        assertThat(published).containsExactly(new UserTyping("chat-1", "alice", true),
                new UserTyping("chat-1", "alice", false));
    }

    private TypingService typing(Duration timeout) {
        return new TypingService(new InMemoryTypingStore(timer, timeout), published::add);
    }

    private static <T> T answer(CompletableFuture<T> future) throws Exception {
        return future.get(5, TimeUnit.SECONDS);
    }

    /** A store that cannot be reached until told it can: then it is an in-memory one. */
    private final class UnreachableStore implements TypingStore {

        private final TypingStore reached = new InMemoryTypingStore(timer, LONG);
        volatile boolean reachable;

        @Override
        public CompletableFuture<Boolean> start(String chatId, String userId) {
            return reachable ? reached.start(chatId, userId) : down();
        }

        @Override
        public CompletableFuture<Boolean> stop(String chatId, String userId) {
            return reachable ? reached.stop(chatId, userId) : down();
        }

        @Override
        public CompletableFuture<Set<String>> typingUsers(String chatId) {
            return reachable ? reached.typingUsers(chatId) : down();
        }

        @Override
        public CompletableFuture<Set<String>> clear(String userId) {
            return reachable ? reached.clear(userId) : down();
        }

        @Override
        public void onExpired(ExpiryListener listener) {
            reached.onExpired(listener);
        }

        private static <T> CompletableFuture<T> down() {
            return CompletableFuture.failedFuture(new IllegalStateException("not connected to Redis yet"));
        }
    }
}
