package org.neuroloop.lsl4j.time;

/**
 * Makes timestamps non-decreasing: {@code t'_k = max(t_k, t'_{k-1})}, liblsl's "monotonize" post-processing stage.
 * Event time downstream (watermarks) may then rely on order. Not thread-safe.
 */
public final class Monotonizer {
    private double last = Double.NEGATIVE_INFINITY;

    public double apply(double t) {
        if (t < last) {
            return last;
        }
        last = t;
        return t;
    }

    public void apply(double[] ts, int n) {
        for (int i = 0; i < n; i++) {
            ts[i] = apply(ts[i]);
        }
    }

    /** Forgets the last timestamp (after a clock jump the new clock may legitimately be earlier). */
    public void reset() {
        last = Double.NEGATIVE_INFINITY;
    }
}
