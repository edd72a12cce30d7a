package org.neuroloop.lsl4j;

/**
 * Library-wide constants and functions of lsl4j, named as in liblsl/pylsl.
 *
 * <p>{@link #localClock()} is {@code System.nanoTime()} in seconds. liblsl's {@code lsl_local_clock()} is
 * {@code std::chrono::steady_clock}; on Linux both read CLOCK_MONOTONIC, so timestamps of lsl4j and liblsl
 * processes on one host are directly comparable. Elsewhere the time correction of an inlet maps them.
 */
public final class Lsl {
    /** A nominal rate of 0 marks an irregular stream (markers, events). */
    public static final double IRREGULAR_RATE = 0.0;
    /** Timeout meaning "practically forever" (liblsl's {@code LSL_FOREVER}, > 1 year). */
    public static final double FOREVER = 32000000.0;
    /** The data protocol spoken: 1.10. */
    public static final int PROTOCOL_VERSION = 110;
    /** lsl4j's version in liblsl's terms (x100): the liblsl release whose protocol it speaks. */
    public static final int LIBRARY_VERSION = 110;

    private Lsl() {}

    /** This host's LSL clock, seconds. */
    public static double localClock() {
        return System.nanoTime() * 1e-9;
    }

    /** Protocol version times 100 (110). */
    public static int protocolVersion() {
        return PROTOCOL_VERSION;
    }

    /** Library version times 100 (110). */
    public static int libraryVersion() {
        return LIBRARY_VERSION;
    }
}
