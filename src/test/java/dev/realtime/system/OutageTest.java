package dev.realtime.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutageTest {

    @Test
    void admit_noOutage_letsEveryoneThrough() {
        Outage outage = new Outage(Duration.ofMinutes(1));

        assertThatCode(outage::admit).doesNotThrowAnyException();
        assertThatCode(outage::admit).doesNotThrowAnyException();
        assertThat(outage.isOngoing()).isFalse();
    }

    @Test
    void admit_duringBackoff_serviceUnavailableAtOnce() {
        Outage outage = new Outage(Duration.ofMinutes(1));

        outage.unreachable();

        assertThatThrownBy(outage::admit).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
        assertThat(outage.isOngoing()).isTrue();
    }

    @Test
    void admit_afterBackoff_oneCallerTriesAndOthersStillRefused() {
        Outage outage = new Outage(Duration.ofMillis(50));
        outage.unreachable();
        await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> {
            outage.admit();
            return true;
        });

        assertThatThrownBy(outage::admit).isInstanceOf(ApiException.class);
    }

    @Test
    void reachable_afterOutage_everyoneLetThroughAgain() {
        Outage outage = new Outage(Duration.ofMinutes(1));
        outage.unreachable();

        outage.reachable();

        assertThatCode(outage::admit).doesNotThrowAnyException();
        assertThat(outage.isOngoing()).isFalse();
    }
}
