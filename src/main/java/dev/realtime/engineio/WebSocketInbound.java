package dev.realtime.engineio;

/** Where the I/O layer delivers what arrives on one WebSocket. Calls come one at a time, in order. */
public interface WebSocketInbound {

    void onText(String text);

    void onBinary(byte[] data);

    void onClosed();
}
