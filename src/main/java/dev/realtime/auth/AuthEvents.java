package dev.realtime.auth;

import dev.realtime.system.DomainEvent;

/** The events of the auth module. */
public final class AuthEvents {

    private AuthEvents() {
    }

    /**
     * {@code user.tokens.revoked}: the user logged out from every device; this server's tokens issued to the user
     * before are refused from now on, and the sockets the user has are to be disconnected.
     *
     * @param tokenVersion the user's token version now; tokens carrying an older one are refused
     */
    public record TokensRevoked(String userId, int tokenVersion) implements DomainEvent {
        @Override
        public String name() {
            return "user.tokens.revoked";
        }
    }
}
