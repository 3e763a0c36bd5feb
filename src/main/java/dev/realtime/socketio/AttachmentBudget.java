package dev.realtime.socketio;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes one server holds for binary packets whose attachments are still arriving, all connections together.
 * Each connection's own cap bounds one packet; this bounds how many connections can be halfway through one at a
 * time, whatever their number. Lock-free: called on event loops.
 */
final class AttachmentBudget {

    private final long limit;
    private final AtomicLong used = new AtomicLong();

    AttachmentBudget(long limit) {
        this.limit = limit;
    }

    /** @return false, reserving nothing, when the bytes would take the total over the limit */
    boolean tryReserve(long bytes) {
        long current;
        do {
            current = used.get();
            if (current + bytes > limit) {
                return false;
            }
        } while (!used.compareAndSet(current, current + bytes));
        return true;
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    long used() {
        return used.get();
    }
}
