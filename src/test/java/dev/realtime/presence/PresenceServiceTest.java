package dev.realtime.presence;

import static dev.realtime.presence.PresenceStatus.ONLINE;
import static dev.realtime.presence.PresenceStatus.AWAY;
import static dev.realtime.presence.PresenceStatus.OFFLINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.realtime.presence.PresenceEvents.UserOffline;
import dev.realtime.presence.PresenceEvents.UserOnline;
import dev.realtime.presence.PresenceService.UserPresence;
import dev.realtime.system.ApiException;
import dev.realtime.system.Blocking;
import dev.realtime.system.ErrorCode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PresenceService with the in-memory store, a real single-thread timer and a fake user repository. A test that
 * must show a grace period ended without an offline waits for a marker task scheduled after that grace: the timer
 * runs its tasks in deadline order.
 */
class PresenceServiceTest {

    private static final Duration SHORT = Duration.ofMillis(100);
    private static final Duration LONG = Duration.ofMinutes(10);
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final List<Object> published = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final Blocking blocking = new Blocking(2, 100);
    private final FakeUsers users = new FakeUsers();

    @AfterEach
    void stop() {
        timer.shutdownNow();
        blocking.close();
    }

    @Test
    void setOnline_firstConnection_publishesOnline() {
        PresenceService presence = presence(LONG);

        presence.setOnline("alice", "socket-1");

        assertThat(published).containsExactly(new UserOnline("alice", ONLINE));
        assertThat(presence.isConnected("alice").join()).isTrue();
        assertThat(presence.getOnlineUsers().join()).containsExactly("alice");
        assertThat(presence.lastActivity("alice")).isNotNull();
    }

    @Test
    void setOnline_secondConnection_publishesNothingMore() {
        PresenceService presence = presence(LONG);
        presence.setOnline("alice", "socket-1");

        presence.setOnline("alice", "socket-2");

        assertThat(published).containsExactly(new UserOnline("alice", ONLINE));
    }

    @Test
    void setOffline_oneOfTwoConnections_staysOnlineWithoutEvent() {
        PresenceService presence = presence(SHORT);
        presence.setOnline("alice", "socket-1");
        presence.setOnline("alice", "socket-2");

        presence.setOffline("alice", "socket-1");
        awaitTimerPast(SHORT);

        assertThat(published).containsExactly(new UserOnline("alice", ONLINE));
        assertThat(presence.isConnected("alice").join()).isTrue();
        assertThat(statuses(presence, "alice")).containsExactly(new UserPresence("alice", ONLINE, null));
    }

    @Test
    void setOffline_oneOfTwoThenLast_answersWhetherAConnectionIsLeft() {
        PresenceService presence = presence(LONG);
        presence.setOnline("alice", "socket-1");
        presence.setOnline("alice", "socket-2");

        boolean afterFirst = presence.setOffline("alice", "socket-1").join();
        boolean afterLast = presence.setOffline("alice", "socket-2").join();

        assertThat(afterFirst).isTrue();
        assertThat(afterLast).isFalse();
    }

    @Test
    void setOffline_unknownConnection_answersFromTheStore() {
        PresenceService presence = presence(LONG);
        presence.setOnline("alice", "socket-1");

        boolean alice = presence.setOffline("alice", "socket-unknown").join();
        boolean bob = presence.setOffline("bob", "socket-2").join();

        assertThat(alice).isTrue();
        assertThat(bob).isFalse();
    }

    @Test
    void setOffline_lastConnectionWithinGracePeriod_noOfflineYet() {
        PresenceService presence = presence(LONG);
        presence.setOnline("alice", "socket-1");

        presence.setOffline("alice", "socket-1");

        assertThat(published).containsExactly(new UserOnline("alice", ONLINE));
        assertThat(presence.isConnected("alice").join()).isFalse();
    }

    @Test
    void setOffline_lastConnection_offlineAfterGracePeriodWithLastSeenStored() {
        PresenceService presence = presence(SHORT);
        presence.setOnline("alice", "socket-1");
        OffsetDateTime closedAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);

        presence.setOffline("alice", "socket-1");

        await().atMost(WAIT).until(() -> published.size() == 2);
        assertThat(published.get(1)).isInstanceOf(UserOffline.class);
        UserOffline offline = (UserOffline) published.get(1);
        assertThat(offline.userId()).isEqualTo("alice");
        assertThat(offline.lastSeenAt()).isAfterOrEqualTo(closedAt);
        await().atMost(WAIT).until(() -> offline.lastSeenAt().equals(users.lastSeen.get("alice")));
        assertThat(statuses(presence, "alice")).containsExactly(
                new UserPresence("alice", OFFLINE, offline.lastSeenAt()));
        assertThat(presence.lastActivity("alice")).isNull();
        assertThat(presence.getOnlineUsers().join()).isEmpty();
    }

    @Test
    void setOnline_withinGracePeriod_cancelsOfflineWithoutNewOnline() {
        PresenceService presence = presence(SHORT);
        presence.setOnline("alice", "socket-1");
        presence.setOffline("alice", "socket-1");

        presence.setOnline("alice", "socket-2");
        awaitTimerPast(SHORT);

        assertThat(published).containsExactly(new UserOnline("alice", ONLINE));
        assertThat(presence.isConnected("alice").join()).isTrue();
        assertThat(users.lastSeen).isEmpty();
    }

    @Test
    void getStatuses_withinGracePeriod_stillShowsTheStatus() {
        PresenceService presence = presence(LONG);
        presence.setOnline("alice", "socket-1");
        presence.updateStatus("alice", "away");

        presence.setOffline("alice", "socket-1");

        assertThat(statuses(presence, "alice")).containsExactly(new UserPresence("alice", AWAY, null));
    }

    @Test
    void setOnline_withinGracePeriodAfterAway_keepsAway() {
        PresenceService presence = presence(LONG);
        presence.setOnline("alice", "socket-1");
        presence.updateStatus("alice", "away");
        presence.setOffline("alice", "socket-1");

        presence.setOnline("alice", "socket-2");

        assertThat(statuses(presence, "alice")).containsExactly(new UserPresence("alice", AWAY, null));
        assertThat(published).containsExactly(new UserOnline("alice", ONLINE), new UserOnline("alice", AWAY));
    }

    @Test
    void setOffline_unknownConnection_changesNothing() {
        PresenceService presence = presence(SHORT);
        presence.setOnline("alice", "socket-1");

        presence.setOffline("alice", "socket-unknown");
        presence.setOffline("bob", "socket-2");
        awaitTimerPast(SHORT);

        assertThat(published).containsExactly(new UserOnline("alice", ONLINE));
        assertThat(presence.isConnected("alice").join()).isTrue();
        assertThat(users.lastSeen).isEmpty();
    }

    @Test
    void setOnline_afterOffline_publishesOnlineAgain() {
        PresenceService presence = presence(SHORT);
        presence.setOnline("alice", "socket-1");
        presence.setOffline("alice", "socket-1");
        await().atMost(WAIT).until(() -> published.size() == 2);

        presence.setOnline("alice", "socket-2");

        assertThat(published).hasSize(3).last().isEqualTo(new UserOnline("alice", ONLINE));
    }

    @Test
    void setOffline_oneUserGoesOffline_otherUsersUntouched() {
        PresenceService presence = presence(SHORT);
        presence.setOnline("alice", "socket-1");
        presence.setOnline("bob", "socket-2");

        presence.setOffline("alice", "socket-1");

        await().atMost(WAIT).until(() -> published.size() == 3);
        assertThat(published.get(2)).isInstanceOfSatisfying(UserOffline.class,
                offline -> assertThat(offline.userId()).isEqualTo("alice"));
        assertThat(presence.isConnected("bob").join()).isTrue();
        assertThat(presence.getOnlineUsers().join()).containsExactly("bob");
    }

    @Test
    void updateStatus_awayWhileConnected_publishesOnlineWithAway() {
        PresenceService presence = presence(LONG);
        presence.setOnline("alice", "socket-1");

        presence.updateStatus("alice", "away");

        assertThat(published).containsExactly(new UserOnline("alice", ONLINE), new UserOnline("alice", AWAY));
        assertThat(statuses(presence, "alice")).containsExactly(new UserPresence("alice", AWAY, null));
    }

    @Test
    void updateStatus_awayThenSecondConnection_staysAwayWithoutEvent() {
        PresenceService presence = presence(LONG);
        presence.setOnline("alice", "socket-1");
        presence.updateStatus("alice", "away");

        presence.setOnline("alice", "socket-2");

        assertThat(published).containsExactly(new UserOnline("alice", ONLINE), new UserOnline("alice", AWAY));
        assertThat(statuses(presence, "alice")).containsExactly(new UserPresence("alice", AWAY, null));
    }

    @Test
    void updateStatus_backToOnline_publishesOnline() {
        PresenceService presence = presence(LONG);
        presence.setOnline("alice", "socket-1");
        presence.updateStatus("alice", "away");

        presence.updateStatus("alice", "online");

        assertThat(published).containsExactly(new UserOnline("alice", ONLINE), new UserOnline("alice", AWAY),
                new UserOnline("alice", ONLINE));
        assertThat(statuses(presence, "alice")).containsExactly(new UserPresence("alice", ONLINE, null));
    }

    @Test
    void updateStatus_sameStatusAgain_publishesNothingMore() {
        PresenceService presence = presence(LONG);
        presence.setOnline("alice", "socket-1");
        presence.updateStatus("alice", "away");

        for (int i = 0; i < 100; i++) {
            presence.updateStatus("alice", "away");
        }
        presence.updateStatus("alice", "online");
        presence.updateStatus("alice", "online");

        assertThat(published).containsExactly(new UserOnline("alice", ONLINE), new UserOnline("alice", AWAY),
                new UserOnline("alice", ONLINE));
    }

    @Test
    void updateStatus_notConnected_publishesNothingAndStaysOffline() {
        PresenceService presence = presence(LONG);

        presence.updateStatus("alice", "away");

        assertThat(published).isEmpty();
        assertThat(statuses(presence, "alice")).containsExactly(new UserPresence("alice", OFFLINE, null));
    }

    @Test
    void updateStatus_unknownStatus_validationFailed() {
        PresenceService presence = presence(LONG);
        presence.setOnline("alice", "socket-1");

        assertThatThrownBy(() -> presence.updateStatus("alice", "busy"))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        assertThat(published).containsExactly(new UserOnline("alice", ONLINE));
    }

    @Test
    void getStatuses_mixedUsers_inOrderGivenWithLastSeenOfOfflineOnes() {
        PresenceService presence = presence(LONG);
        OffsetDateTime seen = OffsetDateTime.parse("2024-05-01T10:15:30Z");
        users.lastSeen.put("carol", seen);
        presence.setOnline("alice", "socket-1");
        presence.setOnline("dave", "socket-2");
        presence.updateStatus("dave", "away");

        List<UserPresence> statuses = statuses(presence, "carol", "alice", "bob", "dave");

        assertThat(statuses).containsExactly(new UserPresence("carol", OFFLINE, seen),
                new UserPresence("alice", ONLINE, null), new UserPresence("bob", OFFLINE, null),
                new UserPresence("dave", AWAY, null));
        assertThat(presence.getUserStatus("carol").block(WAIT)).isEqualTo(new UserPresence("carol", OFFLINE, seen));
    }

    private PresenceService presence(Duration gracePeriod) {
        return new PresenceService(new InMemoryPresenceStore(), users, blocking, published::add, timer,
                new PresenceProperties(gracePeriod, 200));
    }

    private static List<UserPresence> statuses(PresenceService presence, String... userIds) {
        return presence.getStatuses(List.of(userIds)).block(WAIT);
    }

    /** Waits until the timer has run every task due within {@code delay} from now. */
    private void awaitTimerPast(Duration delay) {
        ScheduledFuture<?> marker = timer.schedule(() -> { }, delay.toMillis() * 2, TimeUnit.MILLISECONDS);
        await().atMost(WAIT).until(marker::isDone);
    }
}
