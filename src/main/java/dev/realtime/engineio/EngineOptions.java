package dev.realtime.engineio;

import java.net.InetAddress;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * Settings of one Engine.IO server.
 *
 * @param pingInterval     how often the server pings each session
 * @param pingTimeout      how long after a ping the server waits for the pong before closing the session
 * @param maxPayload       the largest frame or polling request body accepted, in bytes; bigger input closes the session
 * @param upgradeTimeout   how long a polling session may take to finish an upgrade to WebSocket
 * @param maxBufferedBytes outbound bytes queued for one session before it is closed as a slow consumer
 * @param allowUpgrades    whether polling sessions are offered the upgrade to WebSocket
 * @param origins          which browser origins may connect
 * @param admitHandshake   whether a client at this address (null when unknown) may open a session now; a refused
 *                         handshake is answered 429, over polling and WebSocket alike. A rate limit per address,
 *                         typically; the default admits every one
 */
public record EngineOptions(
        Duration pingInterval,
        Duration pingTimeout,
        int maxPayload,
        Duration upgradeTimeout,
        long maxBufferedBytes,
        boolean allowUpgrades,
        OriginPolicy origins,
        Predicate<InetAddress> admitHandshake) {

    public EngineOptions {
        requirePositive(pingInterval, "pingInterval");
        requirePositive(pingTimeout, "pingTimeout");
        requirePositive(upgradeTimeout, "upgradeTimeout");
        if (maxPayload <= 0 || maxBufferedBytes <= 0) {
            throw new IllegalArgumentException("maxPayload and maxBufferedBytes must be positive");
        }
        if (origins == null || admitHandshake == null) {
            throw new IllegalArgumentException("origins and admitHandshake are required");
        }
    }

    /** Options that admit every handshake. */
    public EngineOptions(Duration pingInterval, Duration pingTimeout, int maxPayload, Duration upgradeTimeout,
                         long maxBufferedBytes, boolean allowUpgrades, OriginPolicy origins) {
        this(pingInterval, pingTimeout, maxPayload, upgradeTimeout, maxBufferedBytes, allowUpgrades, origins,
                address -> true);
    }

    /** The reference server's defaults, with a same-origin-only policy. */
    public static EngineOptions defaults() {
        return new EngineOptions(Duration.ofSeconds(25), Duration.ofSeconds(20), 1_000_000, Duration.ofSeconds(10),
                4L * 1024 * 1024, true, OriginPolicy.sameOrigin());
    }

    public EngineOptions withHeartbeat(Duration interval, Duration timeout) {
        return new EngineOptions(interval, timeout, maxPayload, upgradeTimeout, maxBufferedBytes, allowUpgrades, origins,
                admitHandshake);
    }

    public EngineOptions withMaxPayload(int bytes) {
        return new EngineOptions(pingInterval, pingTimeout, bytes, upgradeTimeout, maxBufferedBytes, allowUpgrades, origins,
                admitHandshake);
    }

    public EngineOptions withMaxBufferedBytes(long bytes) {
        return new EngineOptions(pingInterval, pingTimeout, maxPayload, upgradeTimeout, bytes, allowUpgrades, origins,
                admitHandshake);
    }

    public EngineOptions withOrigins(OriginPolicy policy) {
        return new EngineOptions(pingInterval, pingTimeout, maxPayload, upgradeTimeout, maxBufferedBytes, allowUpgrades, policy,
                admitHandshake);
    }

    public EngineOptions withAdmitHandshake(Predicate<InetAddress> admit) {
        return new EngineOptions(pingInterval, pingTimeout, maxPayload, upgradeTimeout, maxBufferedBytes, allowUpgrades,
                origins, admit);
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
