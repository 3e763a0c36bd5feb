package dev.realtime.socketio;

import java.util.ArrayList;
import java.util.List;

/**
 * A binary packet whose attachments are still arriving. Its bytes count against the connection's cap and the
 * server's budget from the moment they arrive until {@link #release()}, which the connection calls once the packet
 * is complete, refused or abandoned. Thread-safe: a closing transport may release it while an attachment arrives.
 */
final class PendingPacket {

    enum Outcome { INCOMPLETE, COMPLETE, OVER_PACKET_LIMIT, OVER_BUDGET }

    private final SocketPacket packet;
    private final long maxBytes;
    private final AttachmentBudget budget;
    private final List<byte[]> attachments;
    private long reserved;
    private boolean released;

    PendingPacket(SocketPacket packet, long maxBytes, AttachmentBudget budget) {
        this.packet = packet;
        this.maxBytes = maxBytes;
        this.budget = budget;
        this.attachments = new ArrayList<>(packet.attachments());
    }

    SocketPacket packet() {
        return packet;
    }

    /** Takes the next attachment, unless it would go over a limit; once released, takes nothing. */
    synchronized Outcome add(byte[] data) {
        if (released) {
            return Outcome.INCOMPLETE;
        }
        if (reserved + data.length > maxBytes) {
            return Outcome.OVER_PACKET_LIMIT;
        }
        if (!budget.tryReserve(data.length)) {
            return Outcome.OVER_BUDGET;
        }
        reserved += data.length;
        attachments.add(data);
        return attachments.size() == packet.attachments() ? Outcome.COMPLETE : Outcome.INCOMPLETE;
    }

    synchronized List<byte[]> attachments() {
        return List.copyOf(attachments);
    }

    /** Gives its bytes back to the budget; idempotent. */
    synchronized void release() {
        if (!released) {
            released = true;
            budget.release(reserved);
            attachments.clear();
        }
    }
}
