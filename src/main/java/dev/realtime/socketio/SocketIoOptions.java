package dev.realtime.socketio;

import dev.realtime.engineio.EngineOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a Socket.IO server.
 *
 * @param engine             the Engine.IO settings underneath
 * @param connectTimeout     how long a new connection may wait before joining a namespace; then it is closed
 * @param maxAttachments     the most binary attachments one packet may announce; more closes the connection
 * @param maxAttachmentBytes the most bytes the attachments of one packet may add up to; more closes the connection
 * @param attachmentBudget   the most bytes held for binary packets still arriving, all connections together; a
 *                           connection whose attachment would go over it is closed
 */
public record SocketIoOptions(EngineOptions engine, Duration connectTimeout, int maxAttachments,
                              long maxAttachmentBytes, long attachmentBudget) {

    /** Enough for 64 connections at the default maxPayload each to be halfway through a binary packet. */
    public static final long DEFAULT_ATTACHMENT_BUDGET = 64L * 1024 * 1024;

    public SocketIoOptions {
        if (engine == null) {
            throw new IllegalArgumentException("engine is required");
        }
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero() || maxAttachments < 0) {
            throw new IllegalArgumentException("connectTimeout must be positive and maxAttachments not negative");
        }
        if (maxAttachmentBytes <= 0 || attachmentBudget <= 0) {
            throw new IllegalArgumentException("maxAttachmentBytes and attachmentBudget must be positive");
        }
    }

    /** One packet's attachments may add up to the engine's maxPayload; the budget is the default one. */
    public SocketIoOptions(EngineOptions engine, Duration connectTimeout, int maxAttachments) {
        this(engine, connectTimeout, maxAttachments, Objects.requireNonNull(engine, "engine").maxPayload(),
                DEFAULT_ATTACHMENT_BUDGET);
    }

    public static SocketIoOptions defaults() {
        return new SocketIoOptions(EngineOptions.defaults(), Duration.ofSeconds(45), 10);
    }

    public SocketIoOptions withEngine(EngineOptions options) {
        return new SocketIoOptions(options, connectTimeout, maxAttachments, maxAttachmentBytes, attachmentBudget);
    }

    public SocketIoOptions withConnectTimeout(Duration timeout) {
        return new SocketIoOptions(engine, timeout, maxAttachments, maxAttachmentBytes, attachmentBudget);
    }

    public SocketIoOptions withAttachmentLimits(long perPacket, long budget) {
        return new SocketIoOptions(engine, connectTimeout, maxAttachments, perPacket, budget);
    }
}
