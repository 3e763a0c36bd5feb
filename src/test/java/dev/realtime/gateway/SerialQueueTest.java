package dev.realtime.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Tasks are held open by sinks the test completes, so "still running" is a state the test sets, not a time. A
 * task's Mono completing runs what follows on the completing thread, so what ran and what was replied is known
 * right after.
 */
class SerialQueueTest {

    private final List<String> started = new CopyOnWriteArrayList<>();
    private final List<String> replied = new CopyOnWriteArrayList<>();

    @Test
    void submit_whileEarlierTaskRuns_startsOnlyAfterItCompletes() {
        SerialQueue queue = new SerialQueue(10);
        Sinks.Empty<Void> first = Sinks.empty();
        Sinks.Empty<Void> second = Sinks.empty();

        queue.submit(task("first", first));
        queue.submit(task("second", second));
        queue.submit(task("third", Sinks.empty()));
        List<String> whileFirstRuns = List.copyOf(started);
        first.tryEmitEmpty();
        List<String> whileSecondRuns = List.copyOf(started);
        second.tryEmitEmpty();

        assertThat(whileFirstRuns).containsExactly("first");
        assertThat(whileSecondRuns).containsExactly("first", "second");
        assertThat(started).containsExactly("first", "second", "third");
        assertThat(replied).containsExactly("first", "second");
    }

    @Test
    void submit_capacityTaken_refusedAndTaskNeverRun() {
        SerialQueue queue = new SerialQueue(2);
        Sinks.Empty<Void> first = Sinks.empty();

        boolean firstTaken = queue.submit(task("first", first));
        boolean secondTaken = queue.submit(task("second", Sinks.empty()));
        boolean thirdTaken = queue.submit(task("third", Sinks.empty()));
        first.tryEmitEmpty();

        assertThat(firstTaken).isTrue();
        assertThat(secondTaken).isTrue();
        assertThat(thirdTaken).isFalse();
        assertThat(started).containsExactly("first", "second");
    }

    @Test
    void submit_afterQueuedTasksCompleted_roomAgain() {
        SerialQueue queue = new SerialQueue(1);
        Sinks.Empty<Void> first = Sinks.empty();
        queue.submit(task("first", first));
        boolean refusedWhileFull = queue.submit(task("refused", Sinks.empty()));

        first.tryEmitEmpty();
        boolean takenAfter = queue.submit(task("after", Sinks.empty()));

        assertThat(refusedWhileFull).isFalse();
        assertThat(takenAfter).isTrue();
        assertThat(started).containsExactly("first", "after");
    }

    @Test
    void submit_earlierTaskFailedThrewOrItsReplyThrew_laterTasksStillRunAndReply() {
        SerialQueue queue = new SerialQueue(3);

        queue.submit(() -> {
            started.add("errors");
            return Mono.error(new IllegalStateException("failed task"));
        });
        queue.submit(() -> {
            started.add("throws");
            throw new IllegalStateException("task that throws instead of returning a Mono");
        });
        queue.submit(() -> {
            started.add("reply throws");
            return Mono.just(() -> {
                throw new IllegalStateException("a reply that fails");
            });
        });
        boolean roomAgain = queue.submit(task("next", Sinks.empty()));

        assertThat(started).containsExactly("errors", "throws", "reply throws", "next");
        assertThat(roomAgain).isTrue();
    }

    @Test
    void submit_taskNeverSubscribed_untilItsTurn() {
        SerialQueue queue = new SerialQueue(10);
        Sinks.Empty<Void> first = Sinks.empty();
        List<String> subscribed = new CopyOnWriteArrayList<>();

        queue.submit(task("first", first));
        queue.submit(() -> Mono.<Runnable>empty().doOnSubscribe(s -> subscribed.add("second")));
        List<String> beforeTurn = List.copyOf(subscribed);
        first.tryEmitEmpty();

        assertThat(beforeTurn).isEmpty();
        assertThat(subscribed).containsExactly("second");
    }

    @Test
    void submitPipelined_nextStartsOnceSubscribedAndItStillCountsAsPending() {
        SerialQueue queue = new SerialQueue(2);
        Sinks.Empty<Void> first = Sinks.empty();

        boolean firstTaken = queue.submitPipelined(task("first", first));
        boolean secondTaken = queue.submitPipelined(task("second", Sinks.empty()));
        boolean thirdWhileBothRun = queue.submit(task("third", Sinks.empty()));
        first.tryEmitEmpty();
        boolean fourthAfterFirstDone = queue.submit(task("fourth", Sinks.empty()));

        assertThat(firstTaken).isTrue();
        assertThat(secondTaken).isTrue();
        assertThat(thirdWhileBothRun).isFalse();
        assertThat(fourthAfterFirstDone).isTrue();
        assertThat(started).containsExactly("first", "second", "fourth");
    }

    @Test
    void submitPipelined_laterTaskDoneFirst_repliesStillInTheOrderSubmitted() {
        SerialQueue queue = new SerialQueue(10);
        Sinks.Empty<Void> first = Sinks.empty();
        Sinks.Empty<Void> second = Sinks.empty();

        queue.submitPipelined(task("first", first));
        queue.submitPipelined(task("second", second));
        queue.submit(task("third", Sinks.empty()));
        second.tryEmitEmpty();
        List<String> beforeFirstDone = List.copyOf(replied);
        first.tryEmitEmpty();

        assertThat(started).containsExactly("first", "second", "third");
        assertThat(beforeFirstDone).isEmpty();
        assertThat(replied).containsExactly("first", "second");
    }

    @Test
    void submitPipelined_waitsForAnEarlierOrderedTask() {
        SerialQueue queue = new SerialQueue(10);
        Sinks.Empty<Void> first = Sinks.empty();

        queue.submit(task("first", first));
        queue.submitPipelined(task("pipelined", Sinks.empty()));
        queue.submit(task("after", Sinks.empty()));
        List<String> whileFirstRuns = List.copyOf(started);
        first.tryEmitEmpty();

        assertThat(whileFirstRuns).containsExactly("first");
        assertThat(started).containsExactly("first", "pipelined", "after");
    }

    /** A task that records its start, and whose reply (recording its name) is ready when the sink completes. */
    private Supplier<Mono<Runnable>> task(String name, Sinks.Empty<Void> done) {
        return () -> {
            started.add(name);
            return done.asMono().then(Mono.just(() -> replied.add(name)));
        };
    }
}
