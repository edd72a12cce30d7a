package org.neuroloop.classifiers.deep.spindles;

import org.neuroloop.classifiers.sleep.RunningRobustBaseline;

/**
 * What the event rule thresholds, per decision: the network's spindle probability as it is, or (relative) the
 * robust z-score of its logit against the recording's own recent decisions — the median and scaled MAD of the
 * one-second means of the last {@value #BASELINE_SECONDS} s ({@link RunningRobustBaseline}, as the classic detector
 * scores its sigma power). A network's probabilities run higher or lower on a recording unlike its training ones;
 * the relative score asks instead how far above that recording's background a decision is. NaN (no event) for the
 * first {@value #WARMUP_SECONDS} s. Causal, allocation-free; the baseline is part of the detector state.
 */
public final class SpindleNetScore {

    static final int BASELINE_SECONDS = 120;
    static final int WARMUP_SECONDS = 10;
    /** Probabilities are clipped to [ε, 1 - ε] before the logit. */
    private static final double EPS = 1e-6;

    private final RunningRobustBaseline baseline;

    /**
     * @param relative score relative to the recording's baseline (else the probability itself)
     * @param decisionsPerSecond decision rate (the baseline's one-second blocks)
     */
    public SpindleNetScore(boolean relative, int decisionsPerSecond) {
        baseline = relative
                ? new RunningRobustBaseline(Math.max(1, decisionsPerSecond), BASELINE_SECONDS, WARMUP_SECONDS)
                : null;
    }

    /** The score of the next decision's probability {@code p}. */
    public double score(double p) {
        if (baseline == null) {
            return p;
        }
        double q = Math.min(1 - EPS, Math.max(EPS, p));
        double logit = Math.log(q / (1 - q));
        double z = baseline.z(logit);
        baseline.add(logit);
        return z;
    }

    public int stateSize() {
        return baseline == null ? 0 : baseline.stateSize();
    }

    public void saveState(double[] out, int offset) {
        if (baseline != null) {
            baseline.save(out, offset);
        }
    }

    public void loadState(double[] st, int offset) {
        if (baseline != null) {
            baseline.load(st, offset);
        }
    }
}
