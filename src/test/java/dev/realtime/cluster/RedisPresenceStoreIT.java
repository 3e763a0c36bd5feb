package dev.realtime.cluster;


import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtime.presence.PresenceStatus;
import dev.realtime.presence.PresenceStore;
import dev.realtime.presence.PresenceStoreContract;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.json.JsonMapper;

/** The presence store contract on two nodes in this JVM, each with its own link to the one real Redis. */
class RedisPresenceStoreIT extends PresenceStoreContract {

    private String prefix;
    private RedisNode linkA;
    private RedisNode linkB;
    private RedisPresenceStore storeA;
    private RedisPresenceStore storeB;

    @BeforeEach
    void link() {
        LocalRedis.require();
        prefix = LocalRedis.uniquePrefix();
        linkA = node(prefix);
        linkB = node(prefix);
        storeA = started(linkA);
        storeB = started(linkB);
        await().atMost(Duration.ofSeconds(10)).until(() -> storeA.restored() && storeB.restored());
    }

    @AfterEach
    void close() {
        if (storeB == null) {
            return;
        }
        for (AutoCloseable closeable : List.<AutoCloseable>of(storeA, storeB, linkA, linkB)) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        PresenceKeys.delete(prefix);
    }

    @Override
    protected PresenceStore nodeA() {
        return storeA;
    }

    @Override
    protected PresenceStore nodeB() {
        return storeB;
    }

    static RedisNode node(String prefix) {
        RedisURI uri = RedisURI.builder().withHost(LocalRedis.HOST).withPort(LocalRedis.PORT)
                .withTimeout(Duration.ofSeconds(2)).build();
        return new RedisNode(uri, prefix, Duration.ofSeconds(5), JsonMapper.builder().build()).start();
    }

    private static RedisPresenceStore started(RedisNode node) {
        RedisPresenceStore store = new RedisPresenceStore(node, Duration.ofSeconds(15));
        store.start(new PresenceStore.Listener() {
            @Override
            public void graceStarted(PresenceStore.Idle idle) {
                // No node of this test dies: nothing is handed over.
            }

            @Override
            public void cameOnline(String userId, PresenceStatus status) {
                // Nor is any taken for dead.
            }
        });
        assertThat(store.restored()).isFalse();
        return store;
    }
}
