package dev.realtime.engineio;

/**
 * Input that does not follow the Engine.IO or Socket.IO wire format. The single exception type the codecs throw:
 * the caller maps it once (HTTP 400, a closed connection or a CONNECT_ERROR) and never lets it escape as an
 * uncaught error. No stack trace is captured, since bad input is an expected path, not a bug.
 */
public final class ProtocolException extends RuntimeException {

    public ProtocolException(String message) {
        super(message, null, false, false);
    }
}
