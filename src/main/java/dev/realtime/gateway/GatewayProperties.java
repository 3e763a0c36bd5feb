package dev.realtime.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code realtime.gateway.*}.
 *
 * @param catchUpLimit    messages a {@code chat:join} with {@code lastSeq} returns at most (then {@code hasMore})
 * @param pendingPerSocket events of one socket waiting or in flight (a client flushing its offline buffer sends many
 *                         at once); more are refused with RATE_LIMITED
 * @param signalsPerSecond {@code message:typing} and {@code presence:update} events one socket may send per second,
 *                         sustained; more are refused with RATE_LIMITED and change nothing
 * @param signalBurst      how many of those a socket may send at once
 */
@ConfigurationProperties("realtime.gateway")
public record GatewayProperties(@DefaultValue("100") int catchUpLimit, @DefaultValue("256") int pendingPerSocket,
                                @DefaultValue("10") double signalsPerSecond, @DefaultValue("20") int signalBurst) {
}
