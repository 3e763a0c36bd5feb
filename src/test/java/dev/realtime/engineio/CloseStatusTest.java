package dev.realtime.engineio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CloseStatusTest {

    @Test
    void reason_longerThanACloseFrameHolds_cutAtACharacterWithin123Bytes() {
        CloseStatus status = CloseStatus.protocolError("€".repeat(50));

        assertThat(status.reason()).isEqualTo("€".repeat(41));
        assertThat(status.reason().getBytes(StandardCharsets.UTF_8)).hasSize(123);
    }

    @Test
    void reason_null_empty() {
        assertThat(new CloseStatus(1000, null).reason()).isEmpty();
    }

    @Test
    void code_outsideTheRangeAPeerMaySee_refused() {
        assertThatThrownBy(() -> new CloseStatus(1005, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CloseStatus(999, "")).isInstanceOf(IllegalArgumentException.class);
    }
}
