package dev.realtime.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code realtime.cluster.*}: whether rooms span several nodes. The default keeps everything in this process, so
 * the server runs with nothing installed; {@code redis} uses the {@code spring.data.redis.*} settings.
 *
 * @param mode           {@code memory} (one node) or {@code redis} (every node sharing the Redis)
 * @param prefix         prefix of the Redis channels, the Node adapter's {@code key} option
 * @param requestTimeout how long a cluster-wide query (fetchSockets, allRooms) waits for the other nodes
 */
@ConfigurationProperties("realtime.cluster")
public record ClusterProperties(
        @DefaultValue("memory") Mode mode,
        @DefaultValue("socket.io") String prefix,
        @DefaultValue("5s") Duration requestTimeout) {

    public enum Mode { MEMORY, REDIS }
}
