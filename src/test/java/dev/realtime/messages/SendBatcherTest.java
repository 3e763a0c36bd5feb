package dev.realtime.messages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.chats.FakeChats;
import dev.realtime.messages.FakeTransactionManager.NextCommit;
import dev.realtime.messages.MessageEvents.MessageCreated;
import dev.realtime.system.ApiException;
import dev.realtime.system.Blocking;
import dev.realtime.system.Created;
import dev.realtime.system.ErrorCode;
import dev.realtime.system.PersistenceProperties;
import dev.realtime.system.TestTransactions;
import dev.realtime.system.Transactions;
import dev.realtime.testing.ExpectedLog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The batcher over fake chats, messages and transactions. To make sends queue, the test holds a first send's
 * transaction at its start (a send to an unknown chat, which stores nothing), queues the sends under test behind
 * it, then lets it go: they are then one batch. Nothing depends on time.
 */
class SendBatcherTest {

    private static final long TIMEOUT_SECONDS = 10;

    private final FakeChats chats = new FakeChats();
    private final FakeMessages messages = new FakeMessages();
    private final FakeTransactionManager manager = new FakeTransactionManager(chats, messages);
    private final Blocking blocking = new Blocking(4, 100);
    private final List<Long> published = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private CompletableFuture<Created<Message>> held;

    @BeforeEach
    void chats() {
        chats.add("chat-1", "alice", "bob");
        chats.add("chat-2", "alice");
        chats.add("chat-3", "alice");
    }

    /** Commit failures these tests provoke are logged as warnings: held and asserted here, not printed. */
    private final ExpectedLog transactionLog = ExpectedLog.of(Transactions.class);

    @AfterEach
    void close() {
        transactionLog.close();
        release.countDown();
        blocking.close();
    }

    private SendBatcher batcher(int waitingPerWriter, int maxBatch) {
        PersistenceProperties properties = new PersistenceProperties(waitingPerWriter, Duration.ofHours(1), 2, 1,
                maxBatch);
        return new SendBatcher(TestTransactions.over(manager, blocking,
                event -> published.add(((MessageCreated) event).message().seq()), properties),
                blocking, messages, chats.sequence(), properties, new SimpleMeterRegistry());
    }

    private SendBatcher batcher() {
        return batcher(64, 256);
    }

    /** Starts a send whose transaction waits until {@link #release} opens, so what is sent next queues. */
    private void holdTheWriter(SendBatcher batcher) throws InterruptedException {
        CountDownLatch started = manager.holdNext(release);
        held = send(batcher, "alice", "nowhere", null);
        assertThat(started.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    private static CompletableFuture<Created<Message>> send(SendBatcher batcher, String sender, String chat,
                                                           String clientMessageId) {
        return batcher.send(sender, chat, "hello", clientMessageId).toFuture();
    }

    private static Created<Message> answer(CompletableFuture<Created<Message>> send) {
        return send.orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
    }

    private static Throwable failure(CompletableFuture<Created<Message>> send) {
        try {
            send.orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("the send succeeded");
    }

    private static ErrorCode code(CompletableFuture<Created<Message>> send) {
        Throwable error = failure(send);
        assertThat(error).isInstanceOf(ApiException.class);
        return ((ApiException) error).code();
    }

    @Test
    void send_aloneThenWhileATransactionRuns_loneSendWrittenAtOnceQueuedOnesShareTheNext() throws Exception {
        SendBatcher batcher = batcher();
        CountDownLatch started = manager.holdNext(release);
        CompletableFuture<Created<Message>> first = send(batcher, "alice", "chat-1", null);
        assertThat(started.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();

        List<CompletableFuture<Created<Message>>> queued = IntStream.range(0, 3)
                .mapToObj(i -> send(batcher, "bob", "chat-1", null)).toList();
        release.countDown();

        assertThat(answer(first).value().seq()).isEqualTo(1);
        assertThat(queued.stream().map(s -> answer(s).value().seq())).containsExactly(2L, 3L, 4L);
        assertThat(messages.insertSizes()).containsExactly(1, 3);
        assertThat(chats.lastSeq("chat-1")).isEqualTo(4);
    }

    @Test
    void send_manyQueuedToOneChat_seqsInQueueOrderAndEventsPublishedInSeqOrderBeforeTheAnswers() throws Exception {
        SendBatcher batcher = batcher();
        holdTheWriter(batcher);

        List<CompletableFuture<Created<Message>>> sends = IntStream.range(0, 10)
                .mapToObj(i -> send(batcher, i % 2 == 0 ? "alice" : "bob", "chat-1", "c-" + i)).toList();
        release.countDown();

        assertThat(sends.stream().map(s -> answer(s).value().seq()))
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(published).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(messages.insertSizes()).containsExactly(10);
        assertThat(code(held)).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void send_moreQueuedThanMaxBatch_writtenInBatchesOfAtMostMaxBatch() throws Exception {
        SendBatcher batcher = batcher(64, 2);
        holdTheWriter(batcher);

        List<CompletableFuture<Created<Message>>> sends = IntStream.range(0, 5)
                .mapToObj(i -> send(batcher, "alice", "chat-1", null)).toList();
        release.countDown();

        assertThat(sends.stream().map(s -> answer(s).value().seq())).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(messages.insertSizes()).containsExactly(2, 2, 1);
    }

    @Test
    void send_sameClientMessageIdTwiceInOneBatch_storedOnceAndTheSecondAnswersTheFirst() throws Exception {
        SendBatcher batcher = batcher();
        holdTheWriter(batcher);

        CompletableFuture<Created<Message>> first = send(batcher, "alice", "chat-1", "same");
        CompletableFuture<Created<Message>> retry = send(batcher, "alice", "chat-1", "same");
        CompletableFuture<Created<Message>> otherSender = send(batcher, "bob", "chat-1", "same");
        release.countDown();

        assertThat(answer(first).isNew()).isTrue();
        assertThat(answer(retry).isNew()).isFalse();
        assertThat(answer(retry).value()).isEqualTo(answer(first).value());
        assertThat(answer(otherSender).value().seq()).isEqualTo(2);
        assertThat(messages.committed("chat-1")).hasSize(2);
        assertThat(published).containsExactly(1L, 2L);
    }

    @Test
    void send_clientMessageIdStoredByAnEarlierBatch_answersTheStoredMessageAndPublishesNothing() {
        SendBatcher batcher = batcher();
        Created<Message> stored = answer(send(batcher, "alice", "chat-1", "c-1"));

        Created<Message> retried = answer(send(batcher, "alice", "chat-1", "c-1"));

        assertThat(retried.isNew()).isFalse();
        assertThat(retried.value()).isEqualTo(stored.value());
        assertThat(published).containsExactly(1L);
    }

    @Test
    void send_notAMemberAndUnknownChatInABatch_failAloneAndTheOthersCommit() throws Exception {
        SendBatcher batcher = batcher();
        holdTheWriter(batcher);

        CompletableFuture<Created<Message>> before = send(batcher, "alice", "chat-1", null);
        CompletableFuture<Created<Message>> stranger = send(batcher, "mallory", "chat-1", null);
        CompletableFuture<Created<Message>> unknown = send(batcher, "alice", "no-such-chat", null);
        CompletableFuture<Created<Message>> after = send(batcher, "bob", "chat-1", null);
        release.countDown();

        assertThat(code(stranger)).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(code(unknown)).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(answer(before).value().seq()).isEqualTo(1);
        assertThat(answer(after).value().seq()).isEqualTo(2);
        assertThat(chats.lastSeq("chat-1")).isEqualTo(2);
    }

    @Test
    void send_severalChatsInABatch_eachLockedOnceInIdOrder() throws Exception {
        SendBatcher batcher = batcher();
        holdTheWriter(batcher);

        List<CompletableFuture<Created<Message>>> sends = List.of(send(batcher, "alice", "chat-3", null),
                send(batcher, "alice", "chat-1", null), send(batcher, "alice", "chat-3", null),
                send(batcher, "alice", "chat-2", null));
        release.countDown();

        assertThat(sends.stream().map(s -> answer(s).value().seq())).containsExactly(1L, 1L, 2L, 1L);
        assertThat(chats.locks()).containsExactly("nowhere", "chat-1", "chat-2", "chat-3");
    }

    @Test
    void send_moreThanWaitingPerWriter_rateLimitedAtOnceAndTheOthersStored() throws Exception {
        SendBatcher batcher = batcher(2, 256);
        CountDownLatch started = manager.holdNext(release);
        CompletableFuture<Created<Message>> running = send(batcher, "alice", "chat-1", null);
        assertThat(started.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Created<Message>> waiting = send(batcher, "alice", "chat-1", null);

        CompletableFuture<Created<Message>> over = send(batcher, "alice", "chat-1", null);

        assertThat(over).isCompletedExceptionally();
        assertThat(code(over)).isEqualTo(ErrorCode.RATE_LIMITED);
        release.countDown();
        assertThat(answer(running).value().seq()).isEqualTo(1);
        assertThat(answer(waiting).value().seq()).isEqualTo(2);
        assertThat(answer(send(batcher, "alice", "chat-1", null)).value().seq()).isEqualTo(3);
    }

    @Test
    void send_transactionFails_everySendOfTheBatchFailsAndNothingIsStoredOrPublished() throws Exception {
        SendBatcher batcher = batcher();
        holdTheWriter(batcher);
        IllegalStateException broken = new IllegalStateException("insert failed");
        messages.failNextInsert(broken);

        List<CompletableFuture<Created<Message>>> sends = List.of(send(batcher, "alice", "chat-1", null),
                send(batcher, "bob", "chat-1", null), send(batcher, "alice", "chat-2", null));
        release.countDown();

        assertThat(sends).allSatisfy(s -> assertThat(failure(s)).isSameAs(broken));
        assertThat(messages.committed("chat-1")).isEmpty();
        assertThat(chats.lastSeq("chat-1")).isZero();
        assertThat(published).isEmpty();
        assertThat(answer(send(batcher, "alice", "chat-1", null)).value().seq()).isEqualTo(1);
    }

    @Test
    void send_commitFailsAfterApplying_checkFindsTheBatchSoAllAnsweredOkAndPublishedOnce() throws Exception {
        SendBatcher batcher = batcher();
        holdTheWriter(batcher);
        manager.failNextCommit(NextCommit.FAILS_APPLIED);

        List<CompletableFuture<Created<Message>>> sends = List.of(send(batcher, "alice", "chat-1", "c-1"),
                send(batcher, "bob", "chat-1", "c-2"), send(batcher, "alice", "chat-1", "c-1"));
        release.countDown();

        assertThat(sends.stream().map(s -> answer(s).value().seq())).containsExactly(1L, 2L, 1L);
        assertThat(messages.committed("chat-1")).hasSize(2);
        assertThat(published).containsExactly(1L, 2L);
        assertThat(transactionLog.lines()).singleElement().asString().contains("commit failed");
    }

    @Test
    void send_commitFailsWithoutApplying_allServiceUnavailableNothingStoredAndARetryStores() throws Exception {
        SendBatcher batcher = batcher();
        holdTheWriter(batcher);
        manager.failNextCommit(NextCommit.FAILS_NOT_APPLIED);

        List<CompletableFuture<Created<Message>>> sends = List.of(send(batcher, "alice", "chat-1", "c-1"),
                send(batcher, "bob", "chat-1", "c-2"));
        release.countDown();

        assertThat(sends).allSatisfy(s -> assertThat(code(s)).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
        assertThat(messages.committed("chat-1")).isEmpty();
        assertThat(published).isEmpty();
        assertThat(answer(send(batcher, "alice", "chat-1", "c-1")).value().seq()).isEqualTo(1);
    }
}
