package dev.realtime.system;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * UUIDs of version 7 (RFC 9562): 48 bits of Unix milliseconds first, then random bits. Rows keyed by them are
 * inserted near the right end of a B-tree instead of at random places, so a commit rewrites a few index pages
 * rather than one per row: on H2, whose commit serialises every changed page, random v4 keys made most of a send
 * batch's CPU time. Still opaque to clients and unique (74 random bits per millisecond).
 */
public final class TimeOrderedIds {

    private TimeOrderedIds() {
    }

    public static String next() {
        return next(System.currentTimeMillis());
    }

    static String next(long epochMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (epochMillis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = 0x8000_0000_0000_0000L | (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL);
        return new UUID(high, low).toString();
    }
}
