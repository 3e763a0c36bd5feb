package dev.realtime.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Refill is made negligible (one token per ~3 hours), so the counts below do not depend on time. */
class RateLimiterTest {

    private static final double NEGLIGIBLE_REFILL = 0.0001;

    @Test
    void tryAcquire_burstSpent_refusedThenOtherKeysUnaffected() {
        RateLimiter limiter = new RateLimiter(NEGLIGIBLE_REFILL, 3);

        long granted = IntStream.range(0, 10).filter(i -> limiter.tryAcquire("alice")).count();

        assertThat(granted).isEqualTo(3);
        assertThat(limiter.tryAcquire("bob")).isTrue();
    }

    @Test
    void giveBack_afterSuccessfulAttempts_budgetNeverSpent() {
        RateLimiter limiter = new RateLimiter(NEGLIGIBLE_REFILL, 2);

        for (int i = 0; i < 100; i++) {
            assertThat(limiter.tryAcquire("10.0.0.1")).isTrue();
            limiter.giveBack("10.0.0.1");
        }

        assertThat(limiter.tryAcquire("10.0.0.1")).isTrue();
        assertThat(limiter.tryAcquire("10.0.0.1")).isTrue();
        assertThat(limiter.tryAcquire("10.0.0.1")).isFalse();
    }

    @Test
    void giveBack_neverAboveTheBurst() {
        RateLimiter limiter = new RateLimiter(NEGLIGIBLE_REFILL, 2);
        limiter.tryAcquire("k");

        limiter.giveBack("k");
        limiter.giveBack("k");
        limiter.giveBack("k");

        assertThat(IntStream.range(0, 10).filter(i -> limiter.tryAcquire("k")).count()).isEqualTo(2);
    }

    @Test
    void giveBack_keyNeverSeen_noExtraToken() {
        RateLimiter limiter = new RateLimiter(NEGLIGIBLE_REFILL, 2);

        limiter.giveBack("stranger");

        assertThat(IntStream.range(0, 10).filter(i -> limiter.tryAcquire("stranger")).count()).isEqualTo(2);
    }

    @Test
    void tryAcquire_manyThreadsOneKey_exactlyTheBurstGranted() {
        RateLimiter limiter = new RateLimiter(NEGLIGIBLE_REFILL, 100);

        long granted = IntStream.range(0, 8_000).parallel().filter(i -> limiter.tryAcquire("alice")).count();

        assertThat(granted).isEqualTo(100);
    }
}
