package dev.realtime.presence;

import static dev.realtime.presence.PresenceStatus.ONLINE;
import static dev.realtime.presence.PresenceStatus.AWAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtime.cluster.LocalRedis;
import dev.realtime.cluster.PresenceKeys;
import dev.realtime.presence.PresenceEvents.UserOffline;
import dev.realtime.presence.PresenceEvents.UserOnline;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PresenceService on several nodes sharing the one real Redis: each event once in the cluster, whichever node the
 * connections come and go on, and a crashed node's users offline once the survivors notice. That a second event
 * does not come is shown by order: each node's timer runs its tasks in deadline order, so a marker user's offline,
 * timed after it, arrives after anything that was still due.
 */
class ClusterPresenceIT {

    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final String prefix = LocalRedis.uniquePrefix();
    private final FakeUsers users = new FakeUsers();
    private final List<PresenceNode> nodes = new ArrayList<>();

    @AfterEach
    void close() {
        nodes.forEach(PresenceNode::close);
        if (!nodes.isEmpty()) {
            PresenceKeys.delete(prefix);
        }
    }

    @Test
    void reconnectOnOtherNodeWithinGrace_noEventsThenOneOfflineFromTheLaterGrace() {
        PresenceNode a = node(Duration.ofSeconds(3));
        PresenceNode b = node(Duration.ofSeconds(3));
        String alice = user("alice");
        a.presence.setOnline(alice, "a-1").join();
        a.presence.setOffline(alice, "a-1").join();

        b.presence.setOnline(alice, "b-1").join();
        OffsetDateTime beforeLastClose = now();
        boolean connected = b.presence.setOffline(alice, "b-1").join();

        await().atMost(WAIT).until(() -> !b.offline(alice).isEmpty());
        goOnlineAndOffline(a, user("marker"));
        assertThat(connected).isFalse();
        assertThat(a.offline(alice)).as("node A's timer ended nothing: the reconnect on B made it moot").isEmpty();
        assertThat(b.offline(alice)).singleElement().satisfies(
                offline -> assertThat(offline.lastSeenAt()).isAfterOrEqualTo(beforeLastClose));
        assertThat(users.lastSeen.get(alice)).isEqualTo(b.offline(alice).get(0).lastSeenAt());
        assertThat(a.online(alice)).containsExactly(new UserOnline(alice, ONLINE));
        assertThat(b.online(alice)).isEmpty();
    }

    @Test
    void updateStatus_onEitherNode_sharedAndPublishedOnlyOnChange() {
        PresenceNode a = node(Duration.ofSeconds(3));
        PresenceNode b = node(Duration.ofSeconds(3));
        String alice = user("alice");
        a.presence.setOnline(alice, "a-1").join();

        b.presence.updateStatus(alice, "away").join();
        a.presence.updateStatus(alice, "away").join();
        b.presence.setOnline(alice, "b-1").join();

        assertThat(a.online(alice)).containsExactly(new UserOnline(alice, ONLINE));
        assertThat(b.online(alice)).containsExactly(new UserOnline(alice, AWAY));
        assertThat(a.presence.getUserStatus(alice).block(WAIT))
                .isEqualTo(new PresenceService.UserPresence(alice, AWAY, null));
        assertThat(b.presence.isConnected(alice).join()).isTrue();
        assertThat(a.presence.getOnlineUsers().join()).contains(alice);
    }

    @Test
    void nodeCrashes_survivorsSweepItAndItsUserGoesOfflineOnce() {
        PresenceNode a = node(Duration.ofMillis(300));
        PresenceNode b = node(Duration.ofMillis(300));
        PresenceNode c = node(Duration.ofMillis(300));
        String alice = user("alice");
        String bob = user("bob");
        a.presence.setOnline(alice, "a-1").join();
        a.presence.setOnline(bob, "a-2").join();
        c.presence.setOnline(bob, "c-1").join();
        OffsetDateTime beforeCrash = now();

        a.crash();

        await().atMost(WAIT).until(() -> offlines(alice, b, c).size() == 1);
        goOnlineAndOffline(b, user("marker-b"));
        goOnlineAndOffline(c, user("marker-c"));
        assertThat(offlines(alice, b, c)).singleElement().satisfies(offline -> assertThat(offline.lastSeenAt())
                .isBetween(beforeCrash.minus(NODE_TIMEOUT), now()));
        assertThat(offlines(bob, b, c)).as("bob still has a connection on C").isEmpty();
        assertThat(b.presence.isConnected(bob).join()).isTrue();
        assertThat(b.store.connections(alice).join()).isZero();
        assertThat(Stream.of(b, c).flatMap(node -> node.online(alice).stream())).isEmpty();
    }

    @Test
    void nodeLeavesWithGoodbye_survivorTakesOverItsGraceAndUsers() {
        PresenceNode a = node(Duration.ofSeconds(2));
        PresenceNode b = node(Duration.ofSeconds(2));
        String alice = user("alice");
        String carol = user("carol");
        a.presence.setOnline(alice, "a-1").join();
        a.presence.setOnline(carol, "a-2").join();
        a.presence.setOffline(carol, "a-2").join();

        nodes.remove(a);
        a.close();

        await().atMost(WAIT).until(() -> b.offline(alice).size() == 1 && offlines(carol, a, b).size() == 1);
        goOnlineAndOffline(b, user("marker"));
        assertThat(b.offline(alice)).hasSize(1);
        assertThat(offlines(carol, a, b)).hasSize(1);
    }

    /** The marker of the class comment: online and offline on that node, awaited. */
    private static void goOnlineAndOffline(PresenceNode node, String marker) {
        node.presence.setOnline(marker, "marker").join();
        node.presence.setOffline(marker, "marker").join();
        await().atMost(WAIT).until(() -> !node.offline(marker).isEmpty());
    }

    private static List<UserOffline> offlines(String userId, PresenceNode... survivors) {
        return Stream.of(survivors).flatMap(node -> node.offline(userId).stream()).toList();
    }

    private PresenceNode node(Duration gracePeriod) {
        LocalRedis.require();
        PresenceNode node = new PresenceNode(LocalRedis.PORT, prefix, NODE_TIMEOUT, gracePeriod, users);
        nodes.add(node);
        await().atMost(WAIT).until(node::isLinked);
        return node;
    }

    private static String user(String name) {
        return name + "-" + UUID.randomUUID();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
