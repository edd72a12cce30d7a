package org.neuroloop.lsl4j.time;

/**
 * Removes jitter from the timestamps of a regularly sampled stream by recursive least squares (RLS) of timestamp
 * against sample index, as liblsl's {@code time_postprocessor} "dejitter" stage does.
 *
 * <p>Model: {@code t_k ≈ w0 + w1·k} (k = samples seen since the last reset, timestamps taken relative to the first one
 * for numerical accuracy). Exponentially weighted RLS with forgetting factor
 * {@code λ = 2^(-1 / (srate · halfTime))}, so a sample {@code halfTime} seconds old weighs half as much as the newest.
 * For each sample with regressor {@code u = [1, k]ᵀ}:
 * <pre>
 *   g = P·u / (λ + uᵀ·P·u)          (gain)
 *   w = w + g·(t_k − uᵀ·w)           (update)
 *   P = (P − g·uᵀ·P) / λ
 *   t̂_k = uᵀ·w                        (dejittered timestamp)
 * </pre>
 * with {@code w = [0, 1/srate]} and {@code P = 1e10·I} at reset. The output is the fitted line at the sample, so the
 * error left is the fit error, far below the input jitter once a few seconds are seen. Irregular streams (rate 0)
 * pass through unchanged. Reset after gaps or clock jumps: the index model assumes no lost samples.
 *
 * <p>State is four numbers plus the counter; no allocation per sample. Not thread-safe.
 */
public final class RlsDejitter {
    private final double lambda;
    private final double period;
    private double baseline;
    private double w0;
    private double w1;
    private double p00;
    private double p01;
    private double p11;
    private long seen;

    /**
     * @param nominalRate Hz; 0 = irregular (pass-through)
     * @param halfTimeSeconds forgetting half-time in seconds (liblsl's default: 90)
     */
    public RlsDejitter(double nominalRate, double halfTimeSeconds) {
        if (!(nominalRate >= 0) || Double.isInfinite(nominalRate)) {
            throw new IllegalArgumentException("nominalRate must be finite and >= 0, got " + nominalRate);
        }
        if (!(halfTimeSeconds > 0)) {
            throw new IllegalArgumentException("halfTimeSeconds must be > 0, got " + halfTimeSeconds);
        }
        this.period = nominalRate > 0 ? 1.0 / nominalRate : 0.0;
        this.lambda = nominalRate > 0 ? Math.pow(2.0, -1.0 / (nominalRate * halfTimeSeconds)) : 1.0;
        reset();
    }

    /** Forgets the fit; the next sample starts a new line. */
    public void reset() {
        seen = 0;
        w0 = 0;
        w1 = period;
        p00 = 1e10;
        p01 = 0;
        p11 = 1e10;
    }

    /** Forgetting factor λ per sample. */
    public double lambda() {
        return lambda;
    }

    /** Samples fitted since the last reset. */
    public long samplesSeen() {
        return seen;
    }

    /** The fitted sampling period (slope), seconds per sample. */
    public double fittedPeriod() {
        return w1;
    }

    /** Dejitters one timestamp (seconds) and returns the smoothed one. */
    public double apply(double t) {
        if (period == 0) {
            return t;
        }
        if (seen == 0) {
            baseline = t;
        }
        double y = t - baseline;
        double k = seen;
        // P·u and uᵀ·P·u for u = [1, k]
        double pu0 = p00 + p01 * k;
        double pu1 = p01 + p11 * k;
        double denom = lambda + pu0 + pu1 * k;
        double g0 = pu0 / denom;
        double g1 = pu1 / denom;
        double err = y - (w0 + w1 * k);
        w0 += g0 * err;
        w1 += g1 * err;
        // P = (P − g·(P·u)ᵀ) / λ   (P symmetric, so uᵀ·P = (P·u)ᵀ)
        p00 = (p00 - g0 * pu0) / lambda;
        p01 = (p01 - g0 * pu1) / lambda;
        p11 = (p11 - g1 * pu1) / lambda;
        seen++;
        return baseline + w0 + w1 * k;
    }

    /** Dejitters {@code ts[0..n)} in place. */
    public void apply(double[] ts, int n) {
        for (int i = 0; i < n; i++) {
            ts[i] = apply(ts[i]);
        }
    }
}
