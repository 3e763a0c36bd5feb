package dev.realtime.typing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtime.typing.TypingEvents.UserTyping;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * TypingService on a real single-thread timer. A test that must show an expiry did not happen waits for a marker
 * task scheduled after every expiry it could have caused: the timer runs its tasks in deadline order.
 */
class TypingServiceTest {

    private static final Duration SHORT = Duration.ofMillis(100);
    private static final Duration LONG = Duration.ofMinutes(10);

    private final List<Object> published = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void startTyping_notTypingYet_publishesStartAndReturnsTrue() {
        TypingService typing = typing(LONG);

        boolean started = typing.startTyping("alice", "chat-1");

        assertThat(started).isTrue();
        assertThat(published).containsExactly(new UserTyping("chat-1", "alice", true));
        assertThat(typing.getTypingUsers("chat-1")).containsExactly("alice");
    }

    @Test
    void startTyping_againWithinTimeout_refreshesWithoutPublishing() {
        TypingService typing = typing(LONG);
        typing.startTyping("alice", "chat-1");

        boolean startedAgain = typing.startTyping("alice", "chat-1");

        assertThat(startedAgain).isFalse();
        assertThat(published).containsExactly(new UserTyping("chat-1", "alice", true));
    }

    @Test
    void startTyping_notRefreshed_expiresWithOneStop() {
        TypingService typing = typing(SHORT);

        typing.startTyping("alice", "chat-1");

        await().atMost(Duration.ofSeconds(5)).until(() -> published.size() == 2);
        assertThat(published).containsExactly(new UserTyping("chat-1", "alice", true),
                new UserTyping("chat-1", "alice", false));
        assertThat(typing.getTypingUsers("chat-1")).isEmpty();
    }

    @Test
    void startTyping_refreshed_onlyTheLatestExpiryStopsIt() {
        TypingService typing = typing(SHORT);

        typing.startTyping("alice", "chat-1");
        typing.startTyping("alice", "chat-1");
        typing.startTyping("alice", "chat-1");
        awaitTimerPast(SHORT);

        assertThat(published).containsExactly(new UserTyping("chat-1", "alice", true),
                new UserTyping("chat-1", "alice", false));
    }

    @Test
    void startTyping_afterExpiry_publishesStartAgain() {
        TypingService typing = typing(SHORT);
        typing.startTyping("alice", "chat-1");
        await().atMost(Duration.ofSeconds(5)).until(() -> published.size() == 2);

        boolean started = typing.startTyping("alice", "chat-1");

        assertThat(started).isTrue();
        assertThat(published).last().isEqualTo(new UserTyping("chat-1", "alice", true));
    }

    @Test
    void stopTyping_whileTyping_publishesStopAndCancelsExpiry() {
        TypingService typing = typing(SHORT);
        typing.startTyping("alice", "chat-1");

        boolean stopped = typing.stopTyping("alice", "chat-1");
        awaitTimerPast(SHORT);

        assertThat(stopped).isTrue();
        assertThat(published).containsExactly(new UserTyping("chat-1", "alice", true),
                new UserTyping("chat-1", "alice", false));
        assertThat(typing.getTypingUsers("chat-1")).isEmpty();
    }

    @Test
    void stopTyping_notTyping_returnsFalseAndPublishesNothing() {
        TypingService typing = typing(LONG);

        boolean stopped = typing.stopTyping("alice", "chat-1");

        assertThat(stopped).isFalse();
        assertThat(published).isEmpty();
    }

    @Test
    void stopTyping_thenStartAgain_publishesStartAgain() {
        TypingService typing = typing(LONG);
        typing.startTyping("alice", "chat-1");
        typing.stopTyping("alice", "chat-1");

        boolean started = typing.startTyping("alice", "chat-1");

        assertThat(started).isTrue();
        assertThat(published).containsExactly(new UserTyping("chat-1", "alice", true),
                new UserTyping("chat-1", "alice", false), new UserTyping("chat-1", "alice", true));
    }

    @Test
    void startTyping_severalUsersAndChats_trackedSeparately() {
        TypingService typing = typing(LONG);

        typing.startTyping("alice", "chat-1");
        typing.startTyping("bob", "chat-1");
        typing.startTyping("alice", "chat-2");
        typing.stopTyping("bob", "chat-1");

        assertThat(typing.getTypingUsers("chat-1")).containsExactly("alice");
        assertThat(typing.getTypingUsers("chat-2")).containsExactly("alice");
        assertThat(typing.getTypingUsers("chat-3")).isEmpty();
    }

    @Test
    void clearTyping_typingInTwoChats_stopsBothAndLeavesOthersTyping() {
        TypingService typing = typing(LONG);
        typing.startTyping("alice", "chat-1");
        typing.startTyping("alice", "chat-2");
        typing.startTyping("bob", "chat-1");
        published.clear();

        typing.clearTyping("alice");

        assertThat(published).containsExactlyInAnyOrder(new UserTyping("chat-1", "alice", false),
                new UserTyping("chat-2", "alice", false));
        assertThat(typing.getTypingUsers("chat-1")).containsExactly("bob");
        assertThat(typing.getTypingUsers("chat-2")).isEmpty();
    }

    @Test
    void clearTyping_notTypingAnywhere_publishesNothing() {
        TypingService typing = typing(LONG);
        typing.startTyping("bob", "chat-1");
        published.clear();

        typing.clearTyping("alice");

        assertThat(published).isEmpty();
        assertThat(typing.getTypingUsers("chat-1")).containsExactly("bob");
    }

    private TypingService typing(Duration timeout) {
        return new TypingService(published::add, timer, new TypingProperties(timeout));
    }

    /** Waits until the timer has run every task due within {@code delay} from now. */
    private void awaitTimerPast(Duration delay) {
        ScheduledFuture<?> marker = timer.schedule(() -> { }, delay.toMillis() * 2, TimeUnit.MILLISECONDS);
        await().atMost(Duration.ofSeconds(5)).until(marker::isDone);
    }
}
