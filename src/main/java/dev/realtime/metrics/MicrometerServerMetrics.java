package dev.realtime.metrics;

import dev.realtime.socketio.ServerMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * The protocol core's reports as Micrometer meters. Each event name's counter is made once and then found in a
 * map, so an event costs a lookup and an increment. Names are already bounded by the core (a client's unknown
 * events are "other"); past {@link #MAX_EVENT_NAMES} per counter the rest count as "other" too, whatever the
 * server's code emits.
 */
@Component
class MicrometerServerMetrics implements ServerMetrics {

    static final int MAX_EVENT_NAMES = 100;

    private final MeterRegistry registry;
    private final Map<String, Counter> received = new ConcurrentHashMap<>();
    private final Map<String, Counter> sent = new ConcurrentHashMap<>();
    private final DistributionSummary recipients;
    private final Timer delivery;
    private final Counter outboundDropped;
    private final Counter slowConsumerClosed;
    private final Counter rateLimited;

    MicrometerServerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.recipients = DistributionSummary.builder("realtime.broadcast.recipients")
                .description("Sockets of this node a broadcast was handed to")
                .register(registry);
        this.delivery = Timer.builder("realtime.broadcast.delivery")
                .description("Time to hand a broadcast to every socket of this node it reaches")
                .register(registry);
        this.outboundDropped = Counter.builder("realtime.outbound.dropped")
                .description("Packets dropped because a connection's outbound buffer was over its soft mark")
                .register(registry);
        this.slowConsumerClosed = Counter.builder("realtime.outbound.slow.closed")
                .description("Connections closed because their outbound buffer was full").register(registry);
        this.rateLimited = Counter.builder("realtime.rate.limited")
                .description("Requests and events refused with RATE_LIMITED").tag("edge", "connection")
                .register(registry);
    }

    @Override
    public void eventReceived(String event) {
        counter(received, "realtime.events.received", "Events received from sockets", event).increment();
    }

    @Override
    public void eventSent(String event) {
        counter(sent, "realtime.events.sent", "Events sent to sockets, one per socket", event).increment();
    }

    @Override
    public void broadcastDelivered(String event, int sockets, long nanos) {
        if (sockets > 0) {
            counter(sent, "realtime.events.sent", "Events sent to sockets, one per socket", event).increment(sockets);
        }
        recipients.record(sockets);
        delivery.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void outboundDropped() {
        outboundDropped.increment();
    }

    @Override
    public void slowConsumerClosed() {
        slowConsumerClosed.increment();
    }

    @Override
    public void rateLimited() {
        rateLimited.increment();
    }

    private Counter counter(Map<String, Counter> counters, String name, String description, String event) {
        Counter counter = counters.get(event);
        if (counter != null) {
            return counter;
        }
        String tag = counters.size() < MAX_EVENT_NAMES ? event : OTHER;
        return counters.computeIfAbsent(tag, value -> Counter.builder(name).description(description)
                .tag("event", value).register(registry));
    }
}
