package dev.realtime.system;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Netty 4.2's adaptive buffer allocator takes a StampedLock for a moment when two event loops free or grow the same
 * magazine group at once. That wait is bounded and part of the allocator's design, not blocking I/O, but BlockHound
 * reports it and the request fails. Netty's own BlockHound allowances do not list it yet, so the tests do.
 * Registered through {@code META-INF/services}; BlockHound loads it in every test JVM.
 */
public final class NettyAllocatorAllowance implements BlockHoundIntegration {

    private static final String MAGAZINE = "io.netty.buffer.AdaptivePoolingAllocator$Magazine";
    private static final String MAGAZINE_GROUP = "io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup";

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside(MAGAZINE, "free")
                .allowBlockingCallsInside(MAGAZINE_GROUP, "free")
                .allowBlockingCallsInside(MAGAZINE_GROUP, "tryExpandMagazines");
    }
}
