package dev.realtime.messages;

import dev.realtime.chats.FakeChats;
import java.util.concurrent.CountDownLatch;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.SimpleTransactionStatus;

/**
 * Transactions over {@link FakeChats} and {@link FakeMessages}: a commit applies what they staged, a rollback drops
 * it. The next commit that stores messages can be made to fail, after or instead of applying; the next transaction
 * can be held at its start until the test lets it go.
 */
final class FakeTransactionManager implements PlatformTransactionManager {

    enum NextCommit { COMMITS, FAILS_APPLIED, FAILS_NOT_APPLIED }

    private final FakeChats chats;
    private final FakeMessages messages;
    private volatile NextCommit next = NextCommit.COMMITS;
    private volatile CountDownLatch started;
    private volatile CountDownLatch release;

    FakeTransactionManager(FakeChats chats, FakeMessages messages) {
        this.chats = chats;
        this.messages = messages;
    }

    void failNextCommit(NextCommit how) {
        next = how;
    }

    /** The next transaction waits at its start for {@code release}; the returned latch opens once it is there. */
    CountDownLatch holdNext(CountDownLatch release) {
        this.release = release;
        started = new CountDownLatch(1);
        return started;
    }

    @Override
    public TransactionStatus getTransaction(TransactionDefinition definition) {
        CountDownLatch waitFor = release;
        if (waitFor != null) {
            release = null;
            started.countDown();
            try {
                waitFor.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new SimpleTransactionStatus();
    }

    @Override
    public void commit(TransactionStatus status) {
        // Like testing/DatabaseFaults: only a commit that stores messages fails.
        NextCommit now = messages.hasStaged() ? next : NextCommit.COMMITS;
        if (messages.hasStaged()) {
            next = NextCommit.COMMITS;
        }
        if (now == NextCommit.FAILS_NOT_APPLIED) {
            rollback(status);
        } else {
            chats.commit();
            messages.commit();
        }
        if (now != NextCommit.COMMITS) {
            throw new TransactionSystemException("connection lost while committing");
        }
    }

    @Override
    public void rollback(TransactionStatus status) {
        chats.rollback();
        messages.rollback();
    }
}
