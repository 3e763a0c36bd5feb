package dev.realtime.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Times are given in nanoseconds, as the gateway passes System.nanoTime(); none is waited for. */
class RefusalWindowTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void refuse_thresholdReachedWithinWindow_notYetAbusiveThenAbusive() {
        RefusalWindow window = new RefusalWindow(3, 10 * SECOND);

        long abusive = IntStream.range(0, 3).filter(i -> window.refuse(i * SECOND)).count();
        boolean fourth = window.refuse(4 * SECOND);

        assertThat(abusive).isZero();
        assertThat(fourth).isTrue();
    }

    @Test
    void refuse_sameCountSpreadOverWindows_neverAbusive() {
        RefusalWindow window = new RefusalWindow(3, 10 * SECOND);

        long abusive = IntStream.range(0, 30).filter(i -> window.refuse(i * 4 * SECOND)).count();

        assertThat(abusive).isZero();
    }

    @Test
    void refuse_windowElapsed_countStartsAgain() {
        RefusalWindow window = new RefusalWindow(2, 10 * SECOND);
        window.refuse(0);
        window.refuse(SECOND);

        boolean afterWindow = window.refuse(10 * SECOND);
        boolean secondOfNewWindow = window.refuse(11 * SECOND);
        boolean thirdOfNewWindow = window.refuse(12 * SECOND);

        assertThat(afterWindow).isFalse();
        assertThat(secondOfNewWindow).isFalse();
        assertThat(thirdOfNewWindow).isTrue();
    }

    @Test
    void refuse_negativeNanoTimes_windowStillMeasuredFromTheFirst() {
        RefusalWindow window = new RefusalWindow(1, 10 * SECOND);
        long start = Long.MIN_VALUE + SECOND;

        boolean first = window.refuse(start);
        boolean second = window.refuse(start + SECOND);

        assertThat(first).isFalse();
        assertThat(second).isTrue();
    }
}
