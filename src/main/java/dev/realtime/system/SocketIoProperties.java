package dev.realtime.system;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code realtime.socketio.*}: the Socket.IO endpoint. Defaults are the reference server's, so stock clients need
 * no tuning.
 *
 * @param path              where clients connect (the clients' default path)
 * @param pingInterval      server heartbeat period
 * @param pingTimeout       how long a ping may stay unanswered before the connection is closed
 * @param maxPayload        the largest WebSocket message or polling request body; more closes the connection
 * @param maxBuffered       outbound bytes queued for one connection before it is dropped as a slow consumer
 * @param connectTimeout    how long a connection may stay without joining a namespace
 * @param upgradeTimeout    how long a polling connection may take to finish its upgrade to WebSocket
 * @param maxAttachments    the most binary attachments one packet may carry
 * @param maxAttachmentSize the most bytes the attachments of one packet may add up to; more closes the connection
 *                          (1008). Attachments for a namespace the connection has not joined are never held
 * @param attachmentBudget  the most bytes held for binary packets still arriving, all connections together; a
 *                          connection whose attachment would go over it is closed (1008)
 */
@ConfigurationProperties("realtime.socketio")
public record SocketIoProperties(
        @DefaultValue("/socket.io/") String path,
        @DefaultValue("25s") Duration pingInterval,
        @DefaultValue("20s") Duration pingTimeout,
        @DefaultValue("1000000B") DataSize maxPayload,
        @DefaultValue("4MB") DataSize maxBuffered,
        @DefaultValue("45s") Duration connectTimeout,
        @DefaultValue("10s") Duration upgradeTimeout,
        @DefaultValue("10") int maxAttachments,
        @DefaultValue("1000000B") DataSize maxAttachmentSize,
        @DefaultValue("64MB") DataSize attachmentBudget) {
}
