package dev.realtime.gateway;

/**
 * Counts one socket's refused events in fixed windows. A client that meets the limit now and then backs off and
 * stays under the threshold; one that keeps sending into refusals goes over it within one window: abusive, not
 * merely eager.
 */
final class RefusalWindow {

    private final int threshold;
    private final long windowNanos;
    private long start;
    private int count;

    RefusalWindow(int threshold, long windowNanos) {
        this.threshold = threshold;
        this.windowNanos = windowNanos;
    }

    /**
     * Counts a refusal at {@code now} (nanoseconds, as {@link System#nanoTime()}).
     *
     * @return true when the refusals of the current window are now more than the threshold
     */
    synchronized boolean refuse(long now) {
        if (count == 0 || now - start >= windowNanos) {
            start = now;
            count = 0;
        }
        count++;
        return count > threshold;
    }
}
