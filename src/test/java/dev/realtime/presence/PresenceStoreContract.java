package dev.realtime.presence;

import static dev.realtime.presence.PresenceStatus.ONLINE;
import static dev.realtime.presence.PresenceStatus.AWAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.presence.PresenceStore.Connected;
import dev.realtime.presence.PresenceStore.Disconnected;
import dev.realtime.presence.PresenceStore.Idle;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a {@link PresenceStore} promises, seen from two nodes: {@link #nodeA()} and {@link #nodeB()} share one
 * store's state. With one node (in memory) B is A, and the same tests show the promise on one node. Each test uses
 * users of its own.
 */
public abstract class PresenceStoreContract {

    private static final long WAIT_SECONDS = 10;

    private final String alice = "alice-" + UUID.randomUUID();
    private final String bob = "bob-" + UUID.randomUUID();

    protected abstract PresenceStore nodeA();

    protected abstract PresenceStore nodeB();

    @Test
    void connect_firstConnection_cameOnlineAsOnline() {
        Connected connected = get(nodeA().connect(alice, "a-1"));

        assertThat(connected).isEqualTo(new Connected(true, ONLINE));
        assertThat(get(nodeB().connections(alice))).isEqualTo(1);
        assertThat(get(nodeB().onlineUsers())).contains(alice);
    }

    @Test
    void connect_secondConnectionOnOtherNode_notNewsAndCountedTogether() {
        get(nodeA().connect(alice, "a-1"));

        Connected second = get(nodeB().connect(alice, "b-1"));

        assertThat(second.cameOnline()).isFalse();
        assertThat(get(nodeA().connections(alice))).isEqualTo(2);
    }

    @Test
    void disconnect_oneOfTwo_noIdlePeriod() {
        get(nodeA().connect(alice, "a-1"));
        get(nodeB().connect(alice, "b-1"));

        Disconnected disconnected = get(nodeA().disconnect(alice, "a-1", now()));

        assertThat(disconnected).isEqualTo(new Disconnected(1, Optional.empty()));
        assertThat(get(nodeA().connections(alice))).isEqualTo(1);
    }

    @Test
    void disconnect_lastAnywhere_idleSinceTheCloseAndStillAnEntry() {
        get(nodeA().connect(alice, "a-1"));
        get(nodeB().connect(alice, "b-1"));
        get(nodeB().disconnect(alice, "b-1", now()));
        OffsetDateTime closedAt = now();

        Disconnected disconnected = get(nodeA().disconnect(alice, "a-1", closedAt));

        assertThat(disconnected.connectionsLeft()).isZero();
        assertThat(disconnected.idle()).hasValueSatisfying(idle -> {
            assertThat(idle.userId()).isEqualTo(alice);
            assertThat(idle.since()).isEqualTo(closedAt);
            assertThat(idle.graceFrom()).isEqualTo(closedAt);
        });
        assertThat(get(nodeB().connections(alice))).isZero();
        assertThat(get(nodeB().statuses(List.of(alice)))).containsEntry(alice, ONLINE);
        assertThat(get(nodeB().onlineUsers())).contains(alice);
    }

    @Test
    void disconnect_unknownConnection_minusOneAndNothingChanges() {
        get(nodeA().connect(alice, "a-1"));

        Disconnected unknown = get(nodeB().disconnect(alice, "b-unknown", now()));
        Disconnected stranger = get(nodeB().disconnect(bob, "b-2", now()));

        assertThat(unknown).isEqualTo(new Disconnected(-1, Optional.empty()));
        assertThat(stranger).isEqualTo(new Disconnected(-1, Optional.empty()));
        assertThat(get(nodeA().connections(alice))).isEqualTo(1);
        assertThat(get(nodeA().statuses(List.of(bob)))).isEmpty();
    }

    @Test
    void removeIfIdle_inItsIdlePeriod_endsTheEntry() {
        get(nodeA().connect(alice, "a-1"));
        Idle idle = get(nodeA().disconnect(alice, "a-1", now())).idle().orElseThrow();

        boolean removed = get(nodeB().removeIfIdle(alice, idle.token()));

        assertThat(removed).isTrue();
        assertThat(get(nodeA().statuses(List.of(alice)))).isEmpty();
        assertThat(get(nodeA().onlineUsers())).doesNotContain(alice);
        assertThat(get(nodeB().removeIfIdle(alice, idle.token()))).isFalse();
        assertThat(get(nodeB().connect(alice, "b-1")).cameOnline()).isTrue();
    }

    @Test
    void connect_withinIdlePeriodOnOtherNode_endsItSoItsTokenRemovesNothing() {
        get(nodeA().connect(alice, "a-1"));
        Idle first = get(nodeA().disconnect(alice, "a-1", now())).idle().orElseThrow();

        Connected back = get(nodeB().connect(alice, "b-1"));
        boolean removedWhileBack = get(nodeA().removeIfIdle(alice, first.token()));
        Idle second = get(nodeB().disconnect(alice, "b-1", now())).idle().orElseThrow();
        boolean removedByOldToken = get(nodeA().removeIfIdle(alice, first.token()));

        assertThat(back.cameOnline()).isFalse();
        assertThat(removedWhileBack).isFalse();
        assertThat(second.token()).isNotEqualTo(first.token());
        assertThat(removedByOldToken).isFalse();
        assertThat(get(nodeA().onlineUsers())).contains(alice);
        assertThat(get(nodeB().removeIfIdle(alice, second.token()))).isTrue();
    }

    @Test
    void setStatus_onOneNode_seenOnTheOtherAndChangedOnlyOnce() {
        get(nodeA().connect(alice, "a-1"));

        boolean first = get(nodeB().setStatus(alice, AWAY));
        boolean again = get(nodeA().setStatus(alice, AWAY));

        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(get(nodeA().statuses(List.of(alice)))).containsExactly(Map.entry(alice, AWAY));
        assertThat(get(nodeB().connect(alice, "b-1"))).isEqualTo(new Connected(false, AWAY));
    }

    @Test
    void setStatus_userWithoutConnection_changesNothingAndMakesNoEntry() {
        boolean changed = get(nodeA().setStatus(alice, AWAY));

        assertThat(changed).isFalse();
        assertThat(get(nodeB().statuses(List.of(alice)))).isEmpty();
        assertThat(get(nodeB().connect(alice, "b-1"))).isEqualTo(new Connected(true, ONLINE));
    }

    @Test
    void statuses_idleUserKeepsItsStatusUntilRemoved() {
        get(nodeA().connect(alice, "a-1"));
        get(nodeA().setStatus(alice, AWAY));
        get(nodeB().connect(bob, "b-1"));

        get(nodeA().disconnect(alice, "a-1", now()));

        assertThat(get(nodeB().statuses(List.of(alice, bob, "nobody-" + UUID.randomUUID())))).containsOnly(
                Map.entry(alice, AWAY), Map.entry(bob, ONLINE));
        assertThat(get(nodeA().connect(alice, "a-2"))).isEqualTo(new Connected(false, AWAY));
    }

    @Test
    void connect_manyAtOnceOnBothNodes_cameOnlineExactlyOnce() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Connected>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                PresenceStore node = i % 2 == 0 ? nodeA() : nodeB();
                String connection = "c-" + i;
                calls.add(CompletableFuture.supplyAsync(() -> node.connect(alice, connection), threads)
                        .thenCompose(call -> call));
            }

            List<Connected> results = calls.stream().map(PresenceStoreContract::get).toList();

            assertThat(results).filteredOn(Connected::cameOnline).hasSize(1);
            assertThat(get(nodeA().connections(alice))).isEqualTo(40);
        } finally {
            threads.shutdownNow();
            threads.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Test
    void onlineUsers_connectedAndIdleUsers() {
        get(nodeA().connect(alice, "a-1"));
        get(nodeB().connect(bob, "b-1"));
        get(nodeB().disconnect(bob, "b-1", now()));

        Set<String> online = get(nodeA().onlineUsers());

        assertThat(online).contains(alice, bob);
    }

    protected static <T> T get(CompletableFuture<T> call) {
        return call.orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
