package dev.realtime.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void next_isAVersion7UuidCarryingItsMillisecond() {
        long millis = 1_764_500_000_123L;

        UUID id = UUID.fromString(TimeOrderedIds.next(millis));

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
    }

    @Test
    void next_laterMillisecondsSortAfterEarlierOnes() {
        String earlier = TimeOrderedIds.next(1_764_500_000_000L);
        String later = TimeOrderedIds.next(1_764_500_000_001L);

        assertThat(later).isGreaterThan(earlier);
    }

    @Test
    void next_manyInOneMillisecondAreDistinct() {
        Set<String> ids = new HashSet<>();

        for (int i = 0; i < 100_000; i++) {
            ids.add(TimeOrderedIds.next(1_764_500_000_000L));
        }

        assertThat(ids).hasSize(100_000);
    }
}
