package dev.realtime.typing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TypingStore} promises, on node A while a node B shares its cluster (for an in-memory store B
 * is A): each change is seen by exactly one call or one expiry report, whichever node makes it. That a report did
 * not come twice is shown by a marker entry started after the first report: once the marker's expiry is reported,
 * a second report of the first would have come before it.
 */
public abstract class TypingStoreContract {

    protected static final Duration SHORT = Duration.ofMillis(300);
    protected static final Duration LONG = Duration.ofMinutes(10);

    /** Every expiry report, from any node, as "chat/user". */
    protected final List<String> expired = new CopyOnWriteArrayList<>();
    protected TypingStore store;
    protected TypingStore peer;

    /** Makes node A or B of one cluster, its expiries not yet listened to. */
    protected abstract TypingStore node(Duration timeout);

    /** False when there is only one node: then node B is node A. */
    protected boolean clustered() {
        return true;
    }

    protected void nodes(Duration timeout) {
        store = listened(node(timeout));
        peer = clustered() ? listened(node(timeout)) : store;
    }

    protected TypingStore listened(TypingStore node) {
        node.onExpired((chatId, userId) -> expired.add(chatId + "/" + userId));
        return node;
    }

    protected static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(15));
    }

    protected static <T> T answer(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }


    /** Starts a marker entry and waits for its expiry: every report due before it has come by then. */
    protected void awaitMarkerExpired() throws Exception {
        answer(store.start("marker-chat", "marker-user"));
        eventually().until(() -> expired.contains("marker-chat/marker-user"));
    }

    @Test
    void start_notTyping_newAndListedOnEveryNode() throws Exception {
        nodes(LONG);

        boolean started = answer(store.start("chat-1", "alice"));

        assertThat(started).isTrue();
        assertThat(answer(store.typingUsers("chat-1"))).containsExactly("alice");
        assertThat(answer(peer.typingUsers("chat-1"))).containsExactly("alice");
    }

    @Test
    void start_againFromAnyNode_onlyRefreshes() throws Exception {
        nodes(LONG);
        answer(store.start("chat-1", "alice"));

        boolean again = answer(store.start("chat-1", "alice"));
        boolean fromPeer = answer(peer.start("chat-1", "alice"));

        assertThat(again).isFalse();
        assertThat(fromPeer).isFalse();
        assertThat(answer(store.typingUsers("chat-1"))).containsExactly("alice");
    }

    @Test
    void stop_fromAnyNode_onlyTheFirstStopsIt() throws Exception {
        nodes(LONG);
        answer(store.start("chat-1", "alice"));

        boolean stoppedByPeer = answer(peer.stop("chat-1", "alice"));
        boolean stoppedAgain = answer(store.stop("chat-1", "alice"));

        assertThat(stoppedByPeer).isTrue();
        assertThat(stoppedAgain).isFalse();
        assertThat(answer(store.typingUsers("chat-1"))).isEmpty();
    }

    @Test
    void stop_notTyping_false() throws Exception {
        nodes(LONG);

        boolean stopped = answer(store.stop("chat-1", "alice"));

        assertThat(stopped).isFalse();
    }

    @Test
    void stop_thenStart_newAgain() throws Exception {
        nodes(LONG);
        answer(store.start("chat-1", "alice"));
        answer(store.stop("chat-1", "alice"));

        boolean started = answer(peer.start("chat-1", "alice"));

        assertThat(started).isTrue();
    }

    @Test
    void start_notRefreshed_expiryReportedOnceAndNoLongerListed() throws Exception {
        nodes(SHORT);

        answer(store.start("chat-1", "alice"));
        eventually().until(() -> expired.contains("chat-1/alice"));
        awaitMarkerExpired();

        assertThat(expired).containsExactly("chat-1/alice", "marker-chat/marker-user");
        assertThat(answer(store.typingUsers("chat-1"))).isEmpty();
        assertThat(answer(peer.typingUsers("chat-1"))).isEmpty();
    }

    @Test
    void start_refreshedFromEveryNode_oneExpiryReportPerNewStart() throws Exception {
        nodes(SHORT);

        // However the refreshes fall against the expiry, each start that was new ends with one report.
        int newStarts = 0;
        for (TypingStore node : List.of(store, peer, store)) {
            newStarts += answer(node.start("chat-1", "alice")) ? 1 : 0;
        }
        int reports = newStarts;
        eventually().until(() -> expired.stream().filter("chat-1/alice"::equals).count() >= reports);
        awaitMarkerExpired();

        assertThat(newStarts).isPositive();
        assertThat(expired).filteredOn("chat-1/alice"::equals).hasSize(newStarts);
    }

    @Test
    void start_afterExpiry_newAgain() throws Exception {
        nodes(SHORT);
        answer(store.start("chat-1", "alice"));
        eventually().until(() -> expired.contains("chat-1/alice"));

        boolean started = answer(peer.start("chat-1", "alice"));

        assertThat(started).isTrue();
    }

    @Test
    void stop_afterExpiryReported_false() throws Exception {
        nodes(SHORT);
        answer(store.start("chat-1", "alice"));
        eventually().until(() -> expired.contains("chat-1/alice"));

        boolean stopped = answer(peer.stop("chat-1", "alice"));

        assertThat(stopped).isFalse();
    }

    @Test
    void start_idsThatJoinAlike_keptApartToTheirExpiry() throws Exception {
        nodes(SHORT);

        answer(store.start("x:", "y"));
        answer(store.start("x", ":y"));
        eventually().until(() -> expired.size() == 2);

        assertThat(expired).containsExactlyInAnyOrder("x:/y", "x/:y");
    }

    @Test
    void typingUsers_severalUsersAndChatsFromBothNodes_trackedSeparately() throws Exception {
        nodes(LONG);

        answer(store.start("chat-1", "alice"));
        answer(peer.start("chat-1", "bob"));
        answer(peer.start("chat-2", "alice"));
        answer(store.stop("chat-1", "bob"));

        assertThat(answer(peer.typingUsers("chat-1"))).containsExactly("alice");
        assertThat(answer(store.typingUsers("chat-2"))).containsExactly("alice");
        assertThat(answer(store.typingUsers("chat-3"))).isEmpty();
    }

    @Test
    void clear_typingInTwoChatsOnTwoNodes_endsBothAndLeavesOthers() throws Exception {
        nodes(LONG);
        answer(store.start("chat-1", "alice"));
        answer(peer.start("chat-2", "alice"));
        answer(store.start("chat-1", "bob"));

        Set<String> cleared = answer(peer.clear("alice"));

        assertThat(cleared).containsExactlyInAnyOrder("chat-1", "chat-2");
        assertThat(answer(store.typingUsers("chat-1"))).containsExactly("bob");
        assertThat(answer(store.typingUsers("chat-2"))).isEmpty();
    }

    @Test
    void clear_thenStopAndClearAgain_eachEntryEndedOnce() throws Exception {
        nodes(LONG);
        answer(store.start("chat-1", "alice"));
        answer(store.clear("alice"));

        boolean stopped = answer(peer.stop("chat-1", "alice"));
        Set<String> clearedAgain = answer(peer.clear("alice"));

        assertThat(stopped).isFalse();
        assertThat(clearedAgain).isEmpty();
    }

    @Test
    void clear_racingTheExpiry_entryEndedOnce() throws Exception {
        nodes(SHORT);
        answer(store.start("chat-1", "alice"));

        Set<String> cleared = answer(peer.clear("alice"));
        awaitMarkerExpired();

        assertThat(cleared.size() + expired.stream().filter("chat-1/alice"::equals).count()).isEqualTo(1);
    }
}
