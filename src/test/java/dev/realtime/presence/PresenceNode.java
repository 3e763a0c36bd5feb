package dev.realtime.presence;

import dev.realtime.cluster.RedisNode;
import dev.realtime.cluster.RedisPresenceStore;
import dev.realtime.presence.PresenceEvents.UserOffline;
import dev.realtime.presence.PresenceEvents.UserOnline;
import dev.realtime.system.Blocking;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import tools.jackson.databind.json.JsonMapper;

/**
 * One node of a test cluster: its own link to Redis, Redis presence store, PresenceService, timer, and the events it
 * published. All nodes of a test share one prefix, one Redis and one user repository.
 */
final class PresenceNode implements AutoCloseable {

    final RedisNode link;
    final RedisPresenceStore store;
    final PresenceService presence;
    final List<Object> published = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final Blocking blocking = new Blocking(2, 100);

    PresenceNode(int redisPort, String prefix, Duration nodeTimeout, Duration gracePeriod, FakeUsers users) {
        RedisURI uri = RedisURI.builder().withHost("127.0.0.1").withPort(redisPort).withTimeout(Duration.ofSeconds(2))
                .build();
        link = new RedisNode(uri, prefix, Duration.ofSeconds(5), JsonMapper.builder().build()).start();
        store = new RedisPresenceStore(link, nodeTimeout);
        presence = new PresenceService(store, users, blocking, published::add, timer,
                new PresenceProperties(gracePeriod, 200));
    }

    List<UserOffline> offline(String userId) {
        return published.stream().filter(UserOffline.class::isInstance).map(UserOffline.class::cast)
                .filter(event -> event.userId().equals(userId)).toList();
    }

    List<UserOnline> online(String userId) {
        return published.stream().filter(UserOnline.class::isInstance).map(UserOnline.class::cast)
                .filter(event -> event.userId().equals(userId)).toList();
    }

    /** Dies without a goodbye, as a crashed process would: the other nodes must find out by themselves. */
    void crash() {
        link.close();
        timer.shutdownNow();
    }

    boolean isLinked() {
        return link.isConnected() && store.restored();
    }

    @Override
    public void close() {
        store.close();
        link.close();
        timer.shutdownNow();
        blocking.close();
    }
}
