package dev.realtime.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code realtime.cluster.*}: whether rooms and presence span several nodes. The default keeps everything in this
 * process, so the server runs with nothing installed; {@code redis} uses the {@code spring.data.redis.*} settings.
 *
 * @param mode           {@code memory} (one node) or {@code redis} (every node sharing the Redis)
 * @param prefix         prefix of the Redis channels, the Node adapter's {@code key} option, and of presence keys
 * @param requestTimeout how long a cluster-wide query (fetchSockets, allRooms) waits for the other nodes
 * @param nodeTimeout    how long a node may miss its heartbeats (sent every third of this) before the others take it
 *                       for dead and its users' connections for closed
 */
@ConfigurationProperties("realtime.cluster")
public record ClusterProperties(
        @DefaultValue("memory") Mode mode,
        @DefaultValue("socket.io") String prefix,
        @DefaultValue("5s") Duration requestTimeout,
        @DefaultValue("15s") Duration nodeTimeout) {

    public enum Mode { MEMORY, REDIS }
}
