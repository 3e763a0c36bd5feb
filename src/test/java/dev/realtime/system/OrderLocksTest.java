package dev.realtime.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrderLocksTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void inOrder_sameKey_oneAtATime() {
        OrderLocks locks = new OrderLocks(100);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();

        List<CompletableFuture<Void>> work = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            work.add(CompletableFuture.runAsync(() -> locks.inOrder("chat-1", () -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                Thread.yield();
                running.decrementAndGet();
                return null;
            }), threads));
        }

        assertThat(CompletableFuture.allOf(work.toArray(CompletableFuture[]::new))).succeedsWithin(WAIT);
        assertThat(most).hasValue(1);
    }

    @Test
    void inOrder_moreWaitingThanAllowed_refusedAtOnceWithRateLimited() throws InterruptedException {
        OrderLocks locks = new OrderLocks(3);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        CompletableFuture<Object> holder = CompletableFuture.supplyAsync(() -> locks.inOrder("chat-1", () -> {
            holding.countDown();
            awaitQuietly(release);
            return "held";
        }), threads);
        holding.await();
        List<CompletableFuture<Object>> waiting = List.of(
                CompletableFuture.supplyAsync(() -> locks.inOrder("chat-1", () -> "second"), threads),
                CompletableFuture.supplyAsync(() -> locks.inOrder("chat-1", () -> "third"), threads));
        await().atMost(WAIT).until(() -> locks.queued("chat-1") == 3);

        assertThatThrownBy(() -> locks.inOrder("chat-1", () -> "fourth"))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
        release.countDown();
        assertThat(holder).succeedsWithin(WAIT).isEqualTo("held");
        assertThat(waiting).allSatisfy(future -> assertThat(future).succeedsWithin(WAIT));
        assertThat(locks.queued("chat-1")).isZero();
        assertThat(locks.inOrder("chat-1", () -> "again")).isEqualTo("again");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
