package dev.realtime.gateway;

import static dev.realtime.gateway.GatewaySupport.joined;
import static dev.realtime.gateway.GatewaySupport.object;
import static dev.realtime.gateway.GatewaySupport.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.gateway.GatewaySupport.Client;
import dev.realtime.gateway.GatewaySupport.Transport;
import dev.realtime.gateway.GatewaySupport.User;
import dev.realtime.testing.StalledWebSocket;
import dev.realtime.testing.StalledWebSocket.Frame;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A member who stops reading while a chat goes on: typing events to them are dropped once they are a quarter of
 * the outbound cap behind, messages never are; at the cap their connection is closed with a reason, and what they
 * missed comes back in the catch-up when they join again. The server holds at most the cap for them meanwhile.
 */
@TestPropertySource(properties = {
        "realtime.socketio.max-buffered=64KB",
        // Bob sends as fast as his acks come back, which is what this test needs, not what the budget is for.
        "realtime.limits.events-per-second=100000",
        "realtime.limits.events-burst=100000",
        // Every typing start must pass too: typing events are what the server may drop, so a refused one would
        // leave nothing droppable in the buffer when it passes the soft mark.
        "realtime.gateway.signals-per-second=100000",
        "realtime.gateway.signal-burst=100000",
        "realtime.gateway.catch-up-limit=100"})
class SlowConsumerIT extends GatewayContext {

    private static final Pattern MESSAGE_SEQ = Pattern.compile("^42\\[\"message:new\",.*\"seq\":(\\d+)");
    private static final int MAX_MESSAGES = 2000;

    @Autowired
    MeterRegistry meters;

    @Test
    void memberStopsReading_typingDroppedFirst_messagesNeverSilently_closedAtCap_catchUpHasTheRest() throws Exception {
        User alice = api.register("alice");
        User bob = api.register("bob");
        String chat = api.group(bob, alice);
        double droppedBefore = count("realtime.outbound.dropped");
        double closedBefore = count("realtime.outbound.slow.closed");
        Client bobSocket = joined(api.connected(Transport.WEBSOCKET, bob), chat);

        List<Frame> aliceFrames;
        long sent = 0;
        try (StalledWebSocket aliceStalled = StalledWebSocket.connect(port, "{\"token\":\"" + alice.token() + "\"}")) {
            aliceStalled.send("421[\"chat:join\",{\"chatId\":\"" + chat + "\"}]");
            aliceStalled.readUntil("431[");
            // Alice reads nothing from here on. Bob types and sends until the server gives up on her.
            String text = "x".repeat(3000);
            while (count("realtime.outbound.slow.closed") == closedBefore && sent < MAX_MESSAGES) {
                assertThat(bobSocket.ack("message:typing", object("chatId", chat, "isTyping", true)))
                        .as("typing").containsEntry("ok", true);
                send(bobSocket, chat, text + sent);
                sent++;
            }
            aliceFrames = aliceStalled.readToClose();
        }

        assertThat(count("realtime.outbound.slow.closed")).as("closed after %d messages", sent)
                .isEqualTo(closedBefore + 1);
        assertThat(count("realtime.outbound.dropped")).isGreaterThan(droppedBefore);
        Frame last = aliceFrames.get(aliceFrames.size() - 1);
        assertThat(last.close()).isTrue();
        assertThat(last.code()).isEqualTo(1008);
        assertThat(last.text()).isEqualTo("outbound buffer full");
        List<Long> delivered = seqs(aliceFrames);
        long typingDelivered = aliceFrames.stream().filter(frame -> frame.text().startsWith("42[\"typing:")).count();
        // Every message up to the last one delivered, none skipped; typing events were left out on the way.
        assertThat(delivered).isEqualTo(LongStream.rangeClosed(1, delivered.size()).boxed().toList());
        assertThat(typingDelivered).isLessThan(2L * delivered.size());

        Client aliceAgain = api.connected(Transport.WEBSOCKET, alice);
        Map<String, Object> caughtUp = aliceAgain.ack("chat:join", object("chatId", chat, "lastSeq", delivered.size()));
        assertThat(caughtUp).as("catch-up").containsEntry("ok", true).containsEntry("hasMore", false);
        List<Long> rest = GatewaySupport.list(caughtUp.get("messages")).stream()
                .map(message -> ((Number) GatewaySupport.map(message).get("seq")).longValue()).toList();
        assertThat(rest).isEqualTo(LongStream.rangeClosed(delivered.size() + 1, sent).boxed().toList());
    }

    private double count(String counter) {
        return meters.get(counter).counter().count();
    }

    private static List<Long> seqs(List<Frame> frames) {
        return frames.stream().map(frame -> MESSAGE_SEQ.matcher(frame.text()))
                .filter(Matcher::find).map(matcher -> Long.parseLong(matcher.group(1))).toList();
    }
}
