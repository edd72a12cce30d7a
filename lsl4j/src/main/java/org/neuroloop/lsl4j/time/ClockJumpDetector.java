package org.neuroloop.lsl4j.time;

/**
 * Flags timestamp discontinuities between consecutive samples: a step backwards by more than {@code tolerance}, or,
 * for regular streams, a step forward longer than the nominal period plus {@code tolerance}. Either means the clock
 * (or its offset) jumped or samples went missing, so index-based dejittering must restart and decisions on the
 * affected chunk are unsafe. Not thread-safe.
 */
public final class ClockJumpDetector {
    private final double period;
    private final double tolerance;
    private double last = Double.NaN;

    /**
     * @param nominalRate Hz, 0 for irregular streams (only backward steps are flagged)
     * @param toleranceSeconds allowed deviation of a step from the nominal period, seconds (&gt; 0)
     */
    public ClockJumpDetector(double nominalRate, double toleranceSeconds) {
        if (!(toleranceSeconds > 0)) {
            throw new IllegalArgumentException("toleranceSeconds must be > 0, got " + toleranceSeconds);
        }
        this.period = nominalRate > 0 ? 1.0 / nominalRate : Double.NaN;
        this.tolerance = toleranceSeconds;
    }

    /** True when {@code t} is discontinuous with the previous timestamp. The first timestamp never is. */
    public boolean isJump(double t) {
        double prev = last;
        last = t;
        if (Double.isNaN(prev)) {
            return false;
        }
        double step = t - prev;
        if (step < -tolerance) {
            return true;
        }
        return !Double.isNaN(period) && step > period + tolerance;
    }

    /** Forgets the previous timestamp (e.g. after a reconnect, where a gap is expected and flagged separately). */
    public void reset() {
        last = Double.NaN;
    }
}
