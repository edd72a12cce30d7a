package org.neuroloop.dsp.riemann;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;

/**
 * Bytes allocated on the heap by the current thread while running a loop, via HotSpot's
 * {@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}. The loop is first run untimed so the JIT
 * has compiled it (escape analysis included) before it is measured. This is a count of bytes, not a timing.
 */
public final class AllocationMeter {
    private static final ThreadMXBean MX = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationMeter() {}

    /** Bytes allocated by {@code iterations} calls of {@code body}, after {@code warmup} unmeasured calls. */
    public static long bytesAllocated(int warmup, int iterations, Runnable body) {
        for (int i = 0; i < warmup; i++) {
            body.run();
        }
        long before = MX.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < iterations; i++) {
            body.run();
        }
        return MX.getCurrentThreadAllocatedBytes() - before;
    }
}
