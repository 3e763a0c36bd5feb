package dev.realtime.auth;

import dev.realtime.system.LimitsProperties;
import dev.realtime.system.RateLimiter;
import java.net.InetAddress;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Engine.IO handshakes (new sessions) per client address, the engine's admission of a handshake: each session
 * holds memory and timers until it connects or times out, so one host may open only so many. Keyed like the login
 * limits ({@link ClientAddress}: an IPv6 client by its /64). The address is the connection's, or X-Forwarded-For's
 * with {@code server.forward-headers-strategy=native}, which Reactor Netty applies to the Socket.IO route too
 * ({@code framework} does not reach that route: it runs before WebFlux). The buckets of addresses gone quiet are
 * dropped ({@link RateLimiter}), so the state stays as small as the addresses recently active.
 */
@Component
class HandshakeLimit implements Predicate<InetAddress> {

    private static final Logger log = LoggerFactory.getLogger(HandshakeLimit.class);

    /** Null when the limit is off ({@code handshakes-per-second: 0}). */
    private final RateLimiter handshakes;

    HandshakeLimit(LimitsProperties limits) {
        this.handshakes = limits.handshakesPerSecond() == 0 ? null
                : new RateLimiter(limits.handshakesPerSecond(), limits.handshakeBurst());
    }

    /** Whether a client at this address (null when unknown) may open a session now; spends one of its handshakes. */
    @Override
    public boolean test(InetAddress address) {
        if (handshakes == null) {
            return true;
        }
        String client = address == null ? "unknown" : ClientAddress.key(address);
        return handshakes.tryAcquire(client) || refuse(client);
    }

    private static boolean refuse(String client) {
        log.debug("handshake from {} refused: over realtime.limits.handshakes-per-second", client);
        return false;
    }
}
