package dev.realtime.typing;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;

/** The typing store contract on one node, each entry expiring on a real single-thread timer. */
class InMemoryTypingStoreTest extends TypingStoreContract {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @Override
    protected TypingStore node(Duration timeout) {
        return new InMemoryTypingStore(timer, timeout);
    }

    @Override
    protected boolean clustered() {
        return false;
    }

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }
}
