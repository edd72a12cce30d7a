package org.neuroloop.closedloop.output;

/**
 * The LSL clock without loading liblsl: on Linux {@code lsl_local_clock()} reads CLOCK_MONOTONIC, the clock behind
 * {@link System#nanoTime()}, so the two agree to the nanosecond and an output can stamp its send time in the
 * same time base as the samples that caused the command.
 */
public final class LslClock {
    private LslClock() {}

    /** Current LSL time in seconds. */
    public static double now() {
        return System.nanoTime() * 1e-9;
    }
}
