package dev.realtime.engineio;

/** The error codes an Engine.IO server answers a refused HTTP request with, as the reference server numbers them. */
public enum EngineError {
    UNKNOWN_TRANSPORT(0, "Transport unknown", 400),
    UNKNOWN_SID(1, "Session ID unknown", 400),
    BAD_HANDSHAKE_METHOD(2, "Bad handshake method", 400),
    BAD_REQUEST(3, "Bad request", 400),
    FORBIDDEN(4, "Forbidden", 403),
    UNSUPPORTED_PROTOCOL_VERSION(5, "Unsupported protocol version", 400),
    PAYLOAD_TOO_LARGE(6, "Payload too large", 413),
    /** A handshake the application's admission refused (too many from one address): retry later. */
    TOO_MANY_REQUESTS(7, "Too many requests", 429),
    /** Not in the reference server: a draining server refuses new sessions, so a client tries another node. */
    SHUTTING_DOWN(8, "Server shutting down", 503);

    private final int code;
    private final String message;
    private final int httpStatus;

    EngineError(int code, String message, int httpStatus) {
        this.code = code;
        this.message = message;
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The JSON body of the refusal. */
    public String json() {
        return "{\"code\":" + code + ",\"message\":\"" + message + "\"}";
    }
}
