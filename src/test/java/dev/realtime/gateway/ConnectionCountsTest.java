package dev.realtime.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionCountsTest {

    @Test
    void opened_eachSocket_countsPerUser() {
        ConnectionCounts counts = new ConnectionCounts();

        counts.opened("alice");
        int second = counts.opened("alice");
        counts.opened("bob");

        assertThat(second).isEqualTo(2);
        assertThat(counts.of("alice")).isEqualTo(2);
        assertThat(counts.of("bob")).isEqualTo(1);
        assertThat(counts.of("carol")).isZero();
    }

    @Test
    void closed_everySocket_backToZero() {
        ConnectionCounts counts = new ConnectionCounts();
        counts.opened("alice");
        counts.opened("alice");

        counts.closed("alice");
        counts.closed("alice");

        assertThat(counts.of("alice")).isZero();
        assertThat(counts.opened("alice")).isEqualTo(1);
    }

    @Test
    void closed_heardBeforeOpened_countEndsAtZero() {
        ConnectionCounts counts = new ConnectionCounts();

        counts.closed("alice");
        counts.opened("alice");

        assertThat(counts.of("alice")).isZero();
        assertThat(counts.opened("alice")).isEqualTo(1);
    }
}
