package dev.realtime.presence;

import static dev.realtime.presence.PresenceStatus.ONLINE;
import static dev.realtime.presence.PresenceStatus.AWAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.realtime.cluster.LocalRedis;
import dev.realtime.presence.PresenceEvents.UserOnline;
import dev.realtime.system.ApiException;
import dev.realtime.system.ErrorCode;
import dev.realtime.testing.RedisServerProcess;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on a Redis of their own, restarted under them with nothing kept: presence calls fail meanwhile, and
 * once it is back each node writes its connections again, without telling anyone that users who stayed connected
 * went or came. A marker user's offline, awaited last, shows that no such event was still coming.
 */
class PresenceOutageIT {

    private static final Duration GRACE = Duration.ofMillis(300);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final String prefix = LocalRedis.uniquePrefix();
    private final FakeUsers users = new FakeUsers();
    private RedisServerProcess redis;
    private PresenceNode a;
    private PresenceNode b;

    @BeforeEach
    void start() {
        redis = RedisServerProcess.start();
        a = new PresenceNode(redis.port(), prefix, Duration.ofSeconds(1), GRACE, users);
        b = new PresenceNode(redis.port(), prefix, Duration.ofSeconds(1), GRACE, users);
        await().atMost(WAIT).until(() -> a.isLinked() && b.isLinked());
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
        redis.close();
    }

    @Test
    void redisRestarts_connectionsWrittenAgainWithoutEventsAndLeaversGoOffline() throws Exception {
        a.presence.setOnline("alice", "a-1").join();
        a.presence.updateStatus("alice", "away").join();
        b.presence.setOnline("bob", "b-1").join();
        b.presence.setOnline("carol", "b-2").join();

        redis.kill();
        await().atMost(WAIT).until(() -> !a.link.isConnected() && !b.link.isConnected());
        boolean carolLeft = b.presence.setOffline("carol", "b-2").handle((connected, error) -> error != null).join();
        CompletableFuture<Void> daveOnline = a.presence.setOnline("dave", "a-2");
        Throwable statusesFailed = catchThrowable(() -> a.presence.getStatuses(List.of("alice")).block(WAIT));
        redis.restart();
        await().atMost(WAIT).until(() -> b.presence.isConnected("bob").handle((yes, error) -> yes == Boolean.TRUE)
                .join() && a.presence.isConnected("dave").handle((yes, error) -> yes == Boolean.TRUE).join());
        await().atMost(WAIT).until(() -> !b.offline("carol").isEmpty());
        goOnlineAndOffline(a, "marker-a");
        goOnlineAndOffline(b, "marker-b");

        assertThat(carolLeft).as("presence fails while Redis is down").isTrue();
        assertThat(daveOnline).failsWithin(WAIT);
        assertThat(statusesFailed).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
        assertThat(a.presence.getStatuses(List.of("alice", "bob", "dave")).block(WAIT))
                .extracting(PresenceService.UserPresence::status).containsExactly(AWAY, ONLINE, ONLINE);
        assertThat(a.published).as("dave came during the outage; Redis lost who had been told, so nobody is")
                .filteredOn(event -> !event.toString().contains("marker"))
                .containsExactly(new UserOnline("alice", ONLINE), new UserOnline("alice", AWAY));
        assertThat(b.published).filteredOn(event -> !event.toString().contains("marker"))
                .containsExactly(new UserOnline("bob", ONLINE), new UserOnline("carol", ONLINE),
                        b.offline("carol").get(0));
        assertThat(b.offline("carol").get(0).lastSeenAt()).isBefore(OffsetDateTime.now());
    }

    private static void goOnlineAndOffline(PresenceNode node, String marker) {
        node.presence.setOnline(marker, "marker").join();
        node.presence.setOffline(marker, "marker").join();
        await().atMost(WAIT).until(() -> !node.offline(marker).isEmpty());
    }
}
