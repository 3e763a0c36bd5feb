package dev.realtime.gateway;

import dev.realtime.auth.AuthEvents.TokensRevoked;
import dev.realtime.auth.Authenticator;
import dev.realtime.realtime.RealtimeService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A logout from every device, heard as {@link TokensRevoked} on the node that took it: the other nodes are told the
 * user's new token version, so they refuse the old tokens at once rather than when their cache of the user expires,
 * and every socket of the user, on every node, is disconnected by the server. A client reconnecting with an old
 * token then gets connect_error "unauthorized". A user of the external identity provider is disconnected too, and
 * may reconnect with the provider's token: revoking those is the provider's business.
 */
@Component
class TokenRevocation {

    /** Sent to the other nodes: the user id and its token version now. */
    static final String REVOKED = "auth:tokens-revoked";

    private final RealtimeService realtime;

    TokenRevocation(RealtimeService realtime, Authenticator authenticator) {
        this.realtime = realtime;
        realtime.onClusterEvent((event, args) -> {
            if (REVOKED.equals(event) && args.size() == 2 && args.get(0).isString()
                    && args.get(1).isIntegralNumber()) {
                authenticator.tokenVersionRaised(args.get(0).asString(), args.get(1).asInt());
            }
        });
    }

    // The new version goes out first: a node that disconnects a socket has normally heard it by then, so the
    // client's reconnect is refused there too (at most once delivery: a node that missed it reads the version again
    // within the authenticator's cache time).
    @EventListener
    void on(TokensRevoked event) {
        realtime.emitToCluster(REVOKED, event.userId(), event.tokenVersion());
        realtime.disconnectUser(event.userId());
    }
}
