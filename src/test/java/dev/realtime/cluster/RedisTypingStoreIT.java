package dev.realtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.typing.TypingStore;
import dev.realtime.typing.TypingStoreContract;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The typing store contract on two nodes in this JVM, each with its own link to the one real Redis and sharing a
 * prefix, plus what only a shared store must do: end the entries of a node that died, once.
 */
class RedisTypingStoreIT extends TypingStoreContract {

    private static final Duration SWEEP_EVERY = Duration.ofMillis(50);

    private final String prefix = LocalRedis.uniquePrefix();
    /** Closed last first, so each store stops before its node does. */
    private final Deque<AutoCloseable> open = new ConcurrentLinkedDeque<>();

    @Override
    protected TypingStore node(Duration timeout) {
        return node(timeout, 100);
    }

    private RedisTypingStore node(Duration timeout, int sweepLimit) {
        LocalRedis.require();
        RedisURI uri = RedisURI.builder().withHost(LocalRedis.HOST).withPort(LocalRedis.PORT)
                .withTimeout(Duration.ofSeconds(2)).build();
        RedisNode node = new RedisNode(uri, prefix, Duration.ofSeconds(5), JsonMapper.builder().build()).start();
        RedisTypingStore store = new RedisTypingStore(node, timeout, SWEEP_EVERY, sweepLimit);
        open.push(node);
        open.push(store);
        eventually().until(node::isConnected);
        return store;
    }

    @AfterEach
    void closeNodes() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    @Test
    void start_startingNodeDiesWithoutGoodbye_otherNodeReportsTheExpiryOnce() throws Exception {
        RedisNode dying = new RedisNode(RedisURI.create(LocalRedis.HOST, LocalRedis.PORT), prefix, Duration.ofSeconds(5),
                JsonMapper.builder().build()).start();
        TypingStore doomed = listened(new RedisTypingStore(dying, SHORT, SWEEP_EVERY, 100));
        store = listened(node(SHORT));
        eventually().until(dying::isConnected);
        answer(doomed.start("chat-1", "alice"));

        dying.close();
        eventually().until(() -> expired.contains("chat-1/alice"));
        awaitMarkerExpired();

        assertThat(expired).containsExactly("chat-1/alice", "marker-chat/marker-user");
    }

    @Test
    void start_moreExpiredThanOneSweepTakes_everyOneReportedOnce() throws Exception {
        store = listened(node(SHORT, 2));
        peer = listened(node(SHORT, 2));

        for (int i = 0; i < 7; i++) {
            answer((i % 2 == 0 ? store : peer).start("chat-" + i, "alice"));
        }
        eventually().until(() -> expired.size() == 7);
        awaitMarkerExpired();

        assertThat(expired).hasSize(8).doesNotHaveDuplicates();
    }

    @Test
    void typingUsers_expiredButNotSweptYet_notListedAndReportedOnceThereIsAListener() throws Exception {
        TypingStore unswept = node(SHORT);
        answer(unswept.start("chat-1", "alice"));

        eventually().until(() -> answer(unswept.typingUsers("chat-1")).isEmpty());
        listened(unswept);
        eventually().until(() -> expired.contains("chat-1/alice"));

        assertThat(expired).containsExactly("chat-1/alice");
    }

    @Test
    void start_redisUnreachable_failsAtOnce() {
        RedisNode unreachable = new RedisNode(RedisURI.create(LocalRedis.HOST, 1), prefix, Duration.ofSeconds(5),
                JsonMapper.builder().build()).start();
        open.push(unreachable);
        TypingStore cut = listened(new RedisTypingStore(unreachable, SHORT, SWEEP_EVERY, 100));

        assertThat(cut.start("chat-1", "alice")).failsWithin(Duration.ofSeconds(5));
        assertThat(cut.clear("alice")).failsWithin(Duration.ofSeconds(5));
    }
}
