package dev.realtime.system;

import java.util.function.BooleanSupplier;

/** Bounded waits of the shutdown thread (never of an event loop): polls a condition until a deadline. */
public final class Deadlines {

    private static final long POLL_MILLIS = 10;

    private Deadlines() {
    }

    /** @return whether the condition held before {@code deadlineNanos} (a {@link System#nanoTime} value) */
    public static boolean awaitUntil(BooleanSupplier condition, long deadlineNanos) {
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadlineNanos >= 0) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
