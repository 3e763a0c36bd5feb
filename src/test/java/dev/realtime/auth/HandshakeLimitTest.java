package dev.realtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.system.LimitsProperties;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Refill is made negligible, so the counts do not depend on time. */
class HandshakeLimitTest {

    @Test
    void test_burstSpent_refusedAndOtherAddressesUnaffected() {
        HandshakeLimit limit = limit("0.0001", "3");

        long admitted = IntStream.range(0, 10).filter(i -> limit.test(address("203.0.113.7"))).count();

        assertThat(admitted).isEqualTo(3);
        assertThat(limit.test(address("203.0.113.8"))).isTrue();
    }

    @Test
    void test_ipv6AddressesOfOnePrefix_shareOneBudget() {
        HandshakeLimit limit = limit("0.0001", "2");

        boolean first = limit.test(address("2001:db8:1:2::1"));
        boolean second = limit.test(address("2001:db8:1:2::ffff"));
        boolean third = limit.test(address("2001:db8:1:2:aaaa::1"));

        assertThat(first).isTrue();
        assertThat(second).isTrue();
        assertThat(third).as("same /64").isFalse();
        assertThat(limit.test(address("2001:db8:1:3::1"))).as("another /64").isTrue();
    }

    @Test
    void test_ipv4MappedAddress_sameBudgetAsIpv4() {
        HandshakeLimit limit = limit("0.0001", "1");

        boolean plain = limit.test(address("198.51.100.1"));
        boolean mapped = limit.test(address("::ffff:198.51.100.1"));

        assertThat(plain).isTrue();
        assertThat(mapped).isFalse();
    }

    @Test
    void test_limitOff_everyHandshakeAdmitted() {
        HandshakeLimit limit = limit("0", "1");

        long admitted = IntStream.range(0, 1000).filter(i -> limit.test(address("203.0.113.7"))).count();

        assertThat(admitted).isEqualTo(1000);
    }

    @Test
    void test_unknownAddress_limitedAsOneClient() {
        HandshakeLimit limit = limit("0.0001", "2");

        long admitted = IntStream.range(0, 5).filter(i -> limit.test(null)).count();

        assertThat(admitted).isEqualTo(2);
    }

    private static HandshakeLimit limit(String perSecond, String burst) {
        LimitsProperties limits = new Binder(new MapConfigurationPropertySource(Map.of(
                "realtime.limits.handshakes-per-second", perSecond,
                "realtime.limits.handshake-burst", burst))).bindOrCreate("realtime.limits", LimitsProperties.class);
        return new HandshakeLimit(limits);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
