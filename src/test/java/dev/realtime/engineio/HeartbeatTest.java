package dev.realtime.engineio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HeartbeatTest {

    /** Short enough that a missed pong ends the session at once. */
    private final EngineFixture strict = new EngineFixture(
            EngineOptions.defaults().withHeartbeat(Duration.ofMillis(50), Duration.ofMillis(50)));

    /** Pings often, but waits long for the pong, so a test answering every ping never races the deadline. */
    private final EngineFixture patient = new EngineFixture(
            EngineOptions.defaults().withHeartbeat(Duration.ofMillis(20), Duration.ofSeconds(30)));

    /** Pings soon and waits a while for the pong, so a test can close the session between ping and deadline. */
    private static final Duration LINGER_INTERVAL = Duration.ofMillis(100);
    private static final Duration LINGER_TIMEOUT = Duration.ofMillis(500);
    private final EngineFixture lingering = new EngineFixture(
            EngineOptions.defaults().withHeartbeat(LINGER_INTERVAL, LINGER_TIMEOUT));

    @AfterEach
    void stop() {
        strict.close();
        patient.close();
        lingering.close();
    }

    @Test
    void ping_pollingSessionAfterInterval_answersParkedGet() {
        String sid = strict.openPolling();

        CompletableFuture<String> poll = strict.get(sid);

        await().until(poll::isDone);
        assertThat(poll).isCompletedWithValue("2");
    }

    @Test
    void ping_noPongOnPolling_closesWithPingTimeout() {
        String sid = strict.openPolling();
        CompletableFuture<String> poll = strict.get(sid);
        await().until(poll::isDone);

        await().until(() -> !strict.handler(sid).closeReasons().isEmpty());

        assertThat(strict.handler(sid).closeReasons()).containsExactly("ping timeout");
        assertThat(strict.server().sessionCount()).isZero();
        assertThat(strict.refusedGet(sid)).isEqualTo(EngineError.UNKNOWN_SID);
    }

    @Test
    void ping_noPongWhileNextGetParked_answersItWithClose() {
        String sid = strict.openPolling();
        CompletableFuture<String> ping = strict.get(sid);
        // Re-polls the moment the ping arrives, as a client does; the pong deadline runs on the timer thread that is
        // delivering this ping, so it cannot fire before the new GET is parked.
        CompletableFuture<CompletableFuture<String>> next = ping.thenApply(body -> strict.get(sid));

        await().until(() -> next.isDone() && next.join().isDone());

        assertThat(ping).isCompletedWithValue("2");
        assertThat(next.join()).isCompletedWithValue("1");
        assertThat(strict.handler(sid).closeReasons()).containsExactly("ping timeout");
    }

    @Test
    void pong_everyPingOnPolling_keepsSessionOpen() {
        String sid = patient.openPolling();

        for (int round = 0; round < 3; round++) {
            CompletableFuture<String> poll = patient.get(sid);
            await().until(poll::isDone);
            assertThat(poll).isCompletedWithValue("2");
            assertThat(patient.post(sid, "3")).isEqualTo("ok");
        }

        assertThat(patient.session(sid).isOpen()).isTrue();
        assertThat(patient.handler(sid).closeReasons()).isEmpty();
    }

    @Test
    void ping_webSocketSessionAfterInterval_sendsPingFrame() {
        EngineFixture.WebSocketPeer peer = strict.openWebSocket();

        await().until(() -> peer.connection().textFrames().size() > 1);

        assertThat(peer.connection().textFrames().get(1)).isEqualTo("2");
    }

    @Test
    void ping_noPongOnWebSocket_closesConnectionWithPingTimeout() {
        EngineFixture.WebSocketPeer peer = strict.openWebSocket();

        await().until(() -> peer.connection().isClosed());

        assertThat(peer.connection().textFrames()).contains("2");
        assertThat(strict.handler(peer.sid()).closeReasons()).containsExactly("ping timeout");
        assertThat(strict.server().sessionCount()).isZero();
    }

    @Test
    void pong_everyPingOnWebSocket_keepsSessionOpen() {
        EngineFixture.WebSocketPeer peer = patient.openWebSocket();

        for (int pings = 1; pings <= 3; pings++) {
            int expected = pings;
            await().until(() -> pingCount(peer) == expected);
            peer.inbound().onText("3");
        }

        assertThat(patient.session(peer.sid()).isOpen()).isTrue();
        assertThat(peer.connection().isClosed()).isFalse();
        assertThat(patient.handler(peer.sid()).closeReasons()).isEmpty();
    }

    @Test
    void close_pollingClientGoneAfterPing_removedAtPongDeadline() throws Exception {
        String sid = lingering.openPolling();
        EngineSession session = lingering.session(sid);
        ScheduledExecutorService timer = lingering.server().timer();

        // The client never polls again: the ping stays queued, its pong deadline runs. The close comes after the
        // ping, as the connect timeout's does. The timer runs its tasks in deadline order, so a task due one ping
        // timeout after the close runs after the pong deadline, which was armed before the close.
        ScheduledFuture<ScheduledFuture<Integer>> afterClose = timer.schedule(() -> {
            session.close();
            return timer.schedule(lingering.server()::sessionCount, LINGER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }, 2 * LINGER_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(afterClose.get().get()).isZero();
        assertThat(lingering.handler(sid).closeReasons()).containsExactly("forced close");
    }

    private static long pingCount(EngineFixture.WebSocketPeer peer) {
        return peer.connection().textFrames().stream().filter("2"::equals).count();
    }
}
