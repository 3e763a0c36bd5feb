package dev.realtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MicrometerServerMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerServerMetrics metrics = new MicrometerServerMetrics(registry);

    @Test
    void eventReceived_countedByName() {
        metrics.eventReceived("chat:join");
        metrics.eventReceived("chat:join");
        metrics.eventReceived("other");

        assertThat(registry.get("realtime.events.received").tag("event", "chat:join").counter().count()).isEqualTo(2);
        assertThat(registry.get("realtime.events.received").tag("event", "other").counter().count()).isEqualTo(1);
    }

    @Test
    void eventSent_pastTheNameLimit_theRestCountAsOther() {
        IntStream.range(0, MicrometerServerMetrics.MAX_EVENT_NAMES).forEach(i -> metrics.eventSent("event-" + i));

        metrics.eventSent("one-too-many");
        metrics.eventSent("event-0");

        assertThat(registry.find("realtime.events.sent").tag("event", "one-too-many").counter()).isNull();
        assertThat(registry.get("realtime.events.sent").tag("event", "other").counter().count()).isEqualTo(1);
        assertThat(registry.get("realtime.events.sent").tag("event", "event-0").counter().count()).isEqualTo(2);
    }

    @Test
    void broadcastDelivered_sentPerRecipient_fanOutAndTimeRecorded() {
        metrics.broadcastDelivered("message:new", 3, 2_000_000);
        metrics.broadcastDelivered("message:new", 0, 1_000_000);

        assertThat(registry.get("realtime.events.sent").tag("event", "message:new").counter().count()).isEqualTo(3);
        assertThat(registry.get("realtime.broadcast.recipients").summary().count()).isEqualTo(2);
        assertThat(registry.get("realtime.broadcast.recipients").summary().totalAmount()).isEqualTo(3);
        assertThat(registry.get("realtime.broadcast.delivery").timer().count()).isEqualTo(2);
        assertThat(registry.get("realtime.broadcast.delivery").timer().totalTime(TimeUnit.NANOSECONDS))
                .isEqualTo(3_000_000);
    }

    @Test
    void connectionHooks_countDropsSlowConsumerClosesAndRefusals() {
        metrics.outboundDropped();
        metrics.outboundDropped();
        metrics.slowConsumerClosed();
        metrics.rateLimited();

        assertThat(registry.get("realtime.outbound.dropped").counter().count()).isEqualTo(2);
        assertThat(registry.get("realtime.outbound.slow.closed").counter().count()).isEqualTo(1);
        assertThat(registry.get("realtime.rate.limited").tag("edge", "connection").counter().count()).isEqualTo(1);
    }
}
