package dev.realtime.testing;

import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Netty's leak detector, which also keeps every leak it reports so that {@link NettyLeakCheck} can fail the tests on
 * one: on its own, Netty only logs a leak, and a green build would hide it. Netty makes one detector per resource
 * type from the class named by {@code -Dio.netty.customResourceLeakDetector}, set with the paranoid level in the
 * surefire and failsafe argLine of the pom.
 */
public final class LeakRecordingDetector<T> extends ResourceLeakDetector<T> {

    private static final Queue<String> LEAKS = new ConcurrentLinkedQueue<>();

    public LeakRecordingDetector(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
    }

    /** Netty's factory also looks this older form up, and logs an error at every start when it is missing. */
    public LeakRecordingDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
        this(resourceType, samplingInterval);
    }

    /** The leaks reported since the last call, each as Netty logs it; they are recorded once. */
    static List<String> takeLeaks() {
        List<String> taken = new ArrayList<>();
        for (String leak = LEAKS.poll(); leak != null; leak = LEAKS.poll()) {
            taken.add(leak);
        }
        return taken;
    }

    /** Reported whatever the level of Netty's logger: the record is what fails the tests. */
    @Override
    protected boolean needReport() {
        return true;
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        super.reportTracedLeak(resourceType, records);
        LEAKS.add("LEAK: " + resourceType + ".release() was not called before it was garbage-collected." + records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        super.reportUntracedLeak(resourceType);
        LEAKS.add("LEAK: " + resourceType + ".release() was not called before it was garbage-collected"
                + " (no access records: the detector was not at paranoid level)");
    }
}
