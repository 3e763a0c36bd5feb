package dev.realtime.engineio;

/** Where the I/O layer delivers what arrives on one WebSocket. Calls come one at a time, in order. */
public interface WebSocketInbound {

    void onText(String text);

    void onBinary(byte[] data);

    /**
     * What arrived cannot be taken as a message (text that is not UTF-8, a message over the size limit): the
     * connection is closed with {@code status}. Later calls, if any, are ignored.
     */
    void onInvalid(CloseStatus status);

    void onClosed();
}
