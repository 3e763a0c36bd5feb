package dev.realtime.engineio;

import java.nio.charset.StandardCharsets;

/**
 * Why the server closes a WebSocket: the status code and reason of its close frame (RFC 6455, 7.4.1), so a peer
 * that broke a rule learns which. Only a WebSocket carries it; a polling client gets the Engine.IO close packet.
 *
 * @param code   a status code a close frame may carry (1000-1003, 1007-1014, 3000-4999)
 * @param reason a short explanation; cut to the 123 bytes a close frame has room for
 */
public record CloseStatus(int code, String reason) {

    private static final int MAX_REASON_BYTES = 123;

    /** 1000: nothing went wrong (the session ended, the peer asked to close, a heartbeat was missed). */
    public static final CloseStatus NORMAL = new CloseStatus(1000, "");

    /** 1001: the server is shutting down; the I/O layer may end the connection without a frame (see its reasons). */
    public static final CloseStatus GOING_AWAY = new CloseStatus(1001, "server shutting down");

    public CloseStatus {
        if (!sendable(code)) {
            throw new IllegalArgumentException("not a status a close frame may carry: " + code);
        }
        reason = fit(reason == null ? "" : reason);
    }

    /** 1002: what arrived is not valid Engine.IO or Socket.IO. */
    public static CloseStatus protocolError(String reason) {
        return new CloseStatus(1002, reason);
    }

    /** 1007: a text message that is not UTF-8. */
    public static CloseStatus invalidPayload(String reason) {
        return new CloseStatus(1007, reason);
    }

    /** 1008: well-formed input that goes over one of the server's limits, other than the size of one message. */
    public static CloseStatus policyViolation(String reason) {
        return new CloseStatus(1008, reason);
    }

    /** 1009: a message bigger than the server accepts. */
    public static CloseStatus tooBig(String reason) {
        return new CloseStatus(1009, reason);
    }

    /** RFC 6455 7.4.1-7.4.2: 1004-1006 and 1015 never go on the wire; 1015-2999 are the IANA's to assign. */
    private static boolean sendable(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }

    private static String fit(String reason) {
        String fitted = reason;
        while (fitted.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            fitted = fitted.substring(0, fitted.offsetByCodePoints(fitted.length(), -1));
        }
        return fitted;
    }
}
