package dev.realtime.system;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code realtime.socketio.*}: the Socket.IO endpoint. Defaults are the reference server's, so stock clients need
 * no tuning.
 *
 * @param path             where clients connect (the clients' default path)
 * @param pingInterval     server heartbeat period
 * @param pingTimeout      how long a ping may stay unanswered before the connection is closed
 * @param maxPayload       the largest WebSocket message or polling request body; more closes the connection
 * @param maxBuffered      outbound bytes queued for one connection before it is dropped as a slow consumer
 * @param connectTimeout   how long a connection may stay without joining a namespace
 * @param maxAttachments   the most binary attachments one packet may carry
 */
@ConfigurationProperties("realtime.socketio")
public record SocketIoProperties(
        @DefaultValue("/socket.io/") String path,
        @DefaultValue("25s") Duration pingInterval,
        @DefaultValue("20s") Duration pingTimeout,
        @DefaultValue("1000000B") DataSize maxPayload,
        @DefaultValue("4MB") DataSize maxBuffered,
        @DefaultValue("45s") Duration connectTimeout,
        @DefaultValue("10") int maxAttachments) {
}
