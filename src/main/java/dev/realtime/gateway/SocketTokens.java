package dev.realtime.gateway;

import dev.realtime.auth.Authenticated;
import dev.realtime.auth.Authenticator;
import dev.realtime.socketio.ConnectError;
import dev.realtime.socketio.Middleware;
import dev.realtime.socketio.Socket;
import dev.realtime.system.ApiException;
import dev.realtime.system.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A socket lives as long as its token: the handshake's token, or a fresher one of the same user sent with
 * {@code auth:refresh}. When it expires the socket hears {@code auth:expired} and is disconnected by the server
 * ("io server disconnect"), so a client does not reconnect with the stale token; it gets a new one first. A token
 * without {@code exp} never ends its socket. A token that has expired is refused, even within the clock skew the
 * decoder tolerates, since the socket would end at once.
 */
@Component
class SocketTokens {

    static final String EXPIRED = "auth:expired";
    private static final String EXPIRY = "tokenExpiry";

    /** What {@code auth:expired} carries: the error shape of acks, and when the token expired. */
    record Expired(String code, String message, String expiredAt) {
    }

    /**
     * One expiry of one socket, armed once connected. The socket holds its current one; a timer that fires for an
     * expiry the socket no longer holds (refreshed, disconnected) does nothing, so cancelling is only tidying up.
     */
    private static final class Expiry {
        private final Instant at;
        private ScheduledFuture<?> timer;
        private boolean cancelled;

        private Expiry(Instant at) {
            this.at = at;
        }

        synchronized void arm(ScheduledExecutorService timers, Runnable expire) {
            if (timer == null && !cancelled) {
                long delay = Math.max(0, Duration.between(Instant.now(), at).toMillis());
                timer = timers.schedule(expire, delay, TimeUnit.MILLISECONDS);
            }
        }

        synchronized void cancel() {
            cancelled = true;
            if (timer != null) {
                timer.cancel(false);
            }
        }
    }

    private final Authenticator authenticator;
    private final ScheduledExecutorService timer;

    SocketTokens(Authenticator authenticator, ScheduledExecutorService socketTokenTimer) {
        this.authenticator = authenticator;
        this.timer = socketTokenTimer;
    }

    /** Handshake middleware: the token of {@code auth: {token}}, or else of an {@code Authorization: Bearer} header. */
    void authenticate(Socket socket, Middleware.Next next) {
        String token = socket.handshake().auth().path("token").asString(null);
        String header = socket.handshake().request().header("authorization");
        if (token == null && header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = header.substring(7).strip();
        }
        if (token == null || token.isEmpty()) {
            next.reject(ConnectError.of("unauthorized"));
            return;
        }
        verify(token).subscribe(verified -> {
            socket.attributes().put(RealtimeGateway.USER, verified.user().id());
            if (verified.expiresAt() != null) {
                socket.attributes().put(EXPIRY, new Expiry(verified.expiresAt()));
            }
            next.proceed();
        }, error -> next.reject(ConnectError.of("unauthorized")));
    }

    /** Starts the handshake token's timer, unless a refresh has already put its own in place. */
    void connected(Socket socket) {
        if (socket.attributes().get(EXPIRY) instanceof Expiry expiry) {
            expiry.arm(timer, () -> expire(socket, expiry));
        }
    }

    void disconnected(Socket socket) {
        if (socket.attributes().remove(EXPIRY) instanceof Expiry expiry) {
            expiry.cancel();
        }
    }

    /** {@code auth:refresh {token}}: the socket now ends when this token does. Acks {@code {expiresAt}}. */
    Mono<Map<String, Object>> refresh(Socket socket, String userId, Payload payload) {
        String token = payload.requiredText("token");
        return verify(token)
                .onErrorMap(JwtException.class, error -> new ApiException(ErrorCode.UNAUTHORIZED,
                        "token: invalid or expired"))
                .map(verified -> {
                    if (!verified.user().id().equals(userId)) {
                        throw ApiException.forbidden("token: it is another user's; a socket keeps the user it "
                                + "connected as");
                    }
                    replace(socket, verified.expiresAt());
                    Instant at = verified.expiresAt();
                    return Collections.singletonMap("expiresAt", at == null ? null : at.toString());
                });
    }

    private Mono<Authenticated> verify(String token) {
        return authenticator.authenticate(token).handle((verified, sink) -> {
            if (verified.expiresAt() != null && !verified.expiresAt().isAfter(Instant.now())) {
                sink.error(new BadJwtException("token expired"));
            } else {
                sink.next(verified);
            }
        });
    }

    private void replace(Socket socket, Instant at) {
        Expiry expiry = at == null ? null : new Expiry(at);
        Object older = expiry == null ? socket.attributes().remove(EXPIRY) : socket.attributes().put(EXPIRY, expiry);
        if (older instanceof Expiry replaced) {
            replaced.cancel();
        }
        if (expiry != null) {
            expiry.arm(timer, () -> expire(socket, expiry));
        }
        // A disconnect that ran meanwhile may have found nothing to cancel.
        if (!socket.isConnected()) {
            disconnected(socket);
        }
    }

    private void expire(Socket socket, Expiry expiry) {
        if (socket.attributes().remove(EXPIRY, expiry)) {
            socket.emit(EXPIRED, new Expired(ErrorCode.UNAUTHORIZED.name(), "token expired", expiry.at.toString()));
            socket.disconnect();
        }
    }
}
