package dev.realtime.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.netty.resources.LoopResources;

/**
 * The "never block an event loop" rule is enforced, not hoped for: BlockHound is installed in every test JVM
 * (blockhound-junit-platform), so a blocking call on a Reactor Netty event loop during any integration test
 * fails that request. This test proves the guard is armed.
 */
class EventLoopGuardTest {

    @Test
    void sleep_onNettyEventLoop_failsWithBlockingOperationError() throws InterruptedException {
        LoopResources loops = LoopResources.create("guard-test", 1, false);
        try {
            EventLoop loop = loops.onServer(false).next();

            Future<?> blocked = loop.submit(() -> {
                Thread.sleep(1);
                return null;
            });

            assertThat(blocked).failsWithin(Duration.ofSeconds(5))
                    .withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(BlockingOperationError.class);
        } finally {
            loops.dispose();
        }
    }
}
