package dev.realtime.engineio;

/**
 * Receives what one session's peer sends. Called on the I/O thread that read the data, one call at a time per
 * session and in arrival order; an implementation must not block and should hand slow work to an executor.
 */
public interface SessionHandler {

    void onMessage(String text);

    void onBinary(byte[] data);

    /** Called once, when the session has closed for the given reason ("transport close", "ping timeout", ...). */
    void onClose(String reason);
}
