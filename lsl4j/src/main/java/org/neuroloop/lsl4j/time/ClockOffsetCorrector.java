package org.neuroloop.lsl4j.time;

import java.util.function.DoubleSupplier;

/**
 * Maps remote timestamps onto this host's LSL clock by adding the clock offset ({@code time_correction}), like the
 * "clocksync" stage of liblsl's {@code time_postprocessor}, with two additions: the offset is re-measured every
 * {@code refreshSeconds}, and successive measurements are smoothed by an exponential moving average
 * {@code o ← o + α·(m − o)} (liblsl's estimate itself jitters by ~0.1 ms). A measurement farther than
 * {@code jumpSeconds} from the smoothed offset is taken as a clock reset/jump: the offset is replaced, not smoothed,
 * and {@link #takeJump()} reports it once.
 *
 * <p>The offset source and the local clock are callbacks, so the stage runs without a network in tests.
 * Not thread-safe.
 */
public final class ClockOffsetCorrector {
    private final DoubleSupplier measureOffset;
    private final double refreshSeconds;
    private final double alpha;
    private final double jumpSeconds;
    private double offset;
    private double nextRefresh = Double.NEGATIVE_INFINITY;
    private boolean measured;
    private boolean jumped;

    /**
     * @param measureOffset returns the current offset estimate in seconds (e.g. {@code inlet.timeCorrection(...)})
     * @param refreshSeconds how often to call it
     * @param alpha smoothing weight of a new measurement, (0, 1]; 1 = no smoothing
     * @param jumpSeconds offset change treated as a jump instead of noise
     */
    public ClockOffsetCorrector(DoubleSupplier measureOffset, double refreshSeconds, double alpha, double jumpSeconds) {
        if (!(refreshSeconds >= 0)) {
            throw new IllegalArgumentException("refreshSeconds must be >= 0, got " + refreshSeconds);
        }
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1], got " + alpha);
        }
        if (!(jumpSeconds > 0)) {
            throw new IllegalArgumentException("jumpSeconds must be > 0, got " + jumpSeconds);
        }
        this.measureOffset = measureOffset;
        this.refreshSeconds = refreshSeconds;
        this.alpha = alpha;
        this.jumpSeconds = jumpSeconds;
    }

    /**
     * Re-measures the offset if {@code refreshSeconds} passed since the last measurement ({@code now}: local clock).
     */
    public void refresh(double now) {
        if (measured && now < nextRefresh) {
            return;
        }
        double m = measureOffset.getAsDouble();
        nextRefresh = now + refreshSeconds;
        if (!measured) {
            offset = m;
            measured = true;
        } else if (Math.abs(m - offset) > jumpSeconds) {
            offset = m;
            jumped = true;
        } else {
            offset += alpha * (m - offset);
        }
    }

    /**
     * Forces a fresh, unsmoothed measurement at the next {@link #refresh(double)} (e.g. after liblsl's clock-reset
     * flag).
     */
    public void invalidate() {
        measured = false;
    }

    /** The current (smoothed) offset, seconds; 0 before the first measurement. */
    public double offset() {
        return offset;
    }

    /** Adds the offset to {@code ts[0..n)} in place. */
    public void apply(double[] ts, int n) {
        for (int i = 0; i < n; i++) {
            ts[i] += offset;
        }
    }

    /** Whether the offset jumped since the last call; clears the flag. */
    public boolean takeJump() {
        boolean j = jumped;
        jumped = false;
        return j;
    }
}
