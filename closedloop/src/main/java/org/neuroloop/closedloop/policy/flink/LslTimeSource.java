package org.neuroloop.closedloop.policy.flink;

import java.io.Serializable;

/** Current LSL time in seconds, injectable so operator tests control time; the default reads the monotonic clock. */
@FunctionalInterface
public interface LslTimeSource extends Serializable {
    double now();

    /** {@code System.nanoTime()/1e9}: liblsl's {@code local_clock} on Linux. */
    static LslTimeSource system() {
        return () -> System.nanoTime() * 1e-9;
    }
}
