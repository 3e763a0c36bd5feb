package dev.realtime.testing;

import io.netty.buffer.ByteBufAllocator;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reported a leaked buffer while it ran, or before it: a leak shows only once the
 * buffer is garbage-collected, so after each class this collects garbage and lets the buffer detector look, then
 * fails the class with every leak {@link LeakRecordingDetector} kept. Registered for every test class through
 * {@code META-INF/services} and {@code junit-platform.properties}, in surefire and failsafe alike. A leak collected
 * only after the last class of a JVM goes unnoticed by the build (Netty still logs it).
 */
public final class NettyLeakCheck implements AfterAllCallback {

    private static final long REFERENCE_PROCESSING_MILLIS = 1_000;

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        collectGarbage();
        // Netty's detector polls its reference queue when it tracks a new buffer: track one.
        ByteBufAllocator.DEFAULT.buffer(1).release();

        List<String> leaks = LeakRecordingDetector.takeLeaks();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " Netty buffer leak(s) reported by the end of "
                    + context.getDisplayName() + ":\n" + String.join("\n\n", leaks));
        }
    }

    /** A full collection, then waits until the JVM has queued the references it cleared (a canary of ours). */
    private static void collectGarbage() throws InterruptedException {
        ReferenceQueue<Object> queue = new ReferenceQueue<>();
        WeakReference<Object> canary = new WeakReference<>(new Object(), queue);
        System.gc();
        queue.remove(REFERENCE_PROCESSING_MILLIS);
        canary.clear();
    }
}
