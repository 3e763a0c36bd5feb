package dev.realtime.socketio;

import dev.realtime.engineio.EngineOptions;
import java.time.Duration;

/**
 * Settings of a Socket.IO server.
 *
 * @param engine         the Engine.IO settings underneath
 * @param connectTimeout how long a new connection may wait before joining a namespace; then it is closed
 * @param maxAttachments the most binary attachments one packet may announce; more closes the connection
 */
public record SocketIoOptions(EngineOptions engine, Duration connectTimeout, int maxAttachments) {

    public SocketIoOptions {
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero() || maxAttachments < 0) {
            throw new IllegalArgumentException("connectTimeout must be positive and maxAttachments not negative");
        }
    }

    public static SocketIoOptions defaults() {
        return new SocketIoOptions(EngineOptions.defaults(), Duration.ofSeconds(45), 10);
    }

    public SocketIoOptions withEngine(EngineOptions options) {
        return new SocketIoOptions(options, connectTimeout, maxAttachments);
    }

    public SocketIoOptions withConnectTimeout(Duration timeout) {
        return new SocketIoOptions(engine, timeout, maxAttachments);
    }
}
