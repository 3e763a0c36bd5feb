package dev.realtime.cluster;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.List;

/**
 * Presence keys stay in Redis until a node of the same prefix sweeps them; a test's prefix is used once, so the
 * test deletes what it left on the local Redis.
 */
public final class PresenceKeys {

    private PresenceKeys() {
    }

    public static void delete(String prefix) {
        RedisClient client = RedisClient.create("redis://" + LocalRedis.HOST + ":" + LocalRedis.PORT);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            List<String> keys = ScanIterator.scan(connection.sync(), ScanArgs.Builder.matches(prefix + ":presence:*"))
                    .stream().toList();
            if (!keys.isEmpty()) {
                connection.sync().del(keys.toArray(String[]::new));
            }
        } finally {
            client.shutdown();
        }
    }
}
