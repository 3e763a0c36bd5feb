package dev.realtime.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code realtime.gateway.*}.
 *
 * @param catchUpLimit    messages a {@code chat:join} with {@code lastSeq} returns at most (then {@code hasMore})
 * @param pendingPerSocket events of one socket that may wait for processing; more are refused with RATE_LIMITED
 */
@ConfigurationProperties("realtime.gateway")
public record GatewayProperties(@DefaultValue("100") int catchUpLimit, @DefaultValue("64") int pendingPerSocket) {
}
