package dev.realtime.chats;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code realtime.chats.*}.
 *
 * @param membershipTtl   how long a node trusts the members of a chat it has read before reading them again; bounds
 *                        how long a change made through another node can go unseen if that node's word is lost
 * @param membershipCache chats whose members a node keeps; past it the cache starts over
 */
@ConfigurationProperties("realtime.chats")
public record ChatProperties(
        @DefaultValue("10s") Duration membershipTtl,
        @DefaultValue("100000") int membershipCache) {

    public ChatProperties {
        if (membershipTtl.isNegative() || membershipCache < 1) {
            throw new IllegalArgumentException(
                    "realtime.chats.membership-ttl must be >= 0 and realtime.chats.membership-cache >= 1");
        }
    }
}
