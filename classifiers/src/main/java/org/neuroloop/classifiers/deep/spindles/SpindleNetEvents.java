package org.neuroloop.classifiers.deep.spindles;

import org.neuroloop.classifiers.sleep.Spindle;
import org.neuroloop.classifiers.sleep.SpindleListener;

/**
 * Turns the network's per-decision spindle probability (or the {@link SpindleNetScore} the rule asks for) into
 * events, causally: a run starts at the first decision with {@code p >= threshold} and continues while
 * {@code p >= keep} (hysteresis, like the classic detector's start and continuation thresholds); the detector fires
 * when the run holds {@code minConsecutive} decisions; the run ends at the first decision below {@code keep} that is
 * followed by more than {@code maxGap} decisions below it (short dips inside one spindle do not split it in two, like
 * the classic detector's merging of nearby detections). The network sees a trailing window, so its runs lag the
 * spindle; the reported interval is the run shifted back by {@code lead} seconds. Runs of {@value #MIN_SECONDS}–
 * {@value #MAX_SECONDS} s are accepted (a fired but rejected run is still reported, as the classic detector does).
 *
 * @see org.neuroloop.classifiers.sleep.SpindleDetector
 */
public final class SpindleNetEvents {

    static final double MIN_SECONDS = 0.3;
    static final double MAX_SECONDS = 3.0;

    /**
     * @param threshold probability at which a decision counts as spindle
     * @param minConsecutive decisions at or above the threshold before firing
     * @param lead seconds the reported interval is moved back
     * @param maxGap decisions below {@code keep} a run may hold without ending (0: the first one ends it)
     * @param keep probability at which a started run continues ({@code <= threshold})
     * @param relative the thresholds apply to the {@link SpindleNetScore} relative to the recording's baseline (a
     *     z-score) instead of the probability
     */
    public record Rule(double threshold, int minConsecutive, double lead, int maxGap, double keep, boolean relative) {
        public Rule {
            if (minConsecutive < 1 || maxGap < 0 || !(keep <= threshold)) {
                throw new IllegalArgumentException("spindle net rule: min consecutive >= 1, max gap >= 0 and keep"
                        + " <= threshold, got " + minConsecutive + ", " + maxGap + ", " + keep + " > " + threshold);
            }
        }

        /** Without hysteresis: a run continues at the start threshold. */
        public Rule(double threshold, int minConsecutive, double lead, int maxGap) {
            this(threshold, minConsecutive, lead, maxGap, threshold, false);
        }
    }

    private final Rule rule;
    private int count;
    private double runStart;
    private double firedAt = Double.NaN;
    private double peak;
    private double peakP;
    private int gap;
    private double gapStart;

    public SpindleNetEvents(Rule rule) {
        this.rule = rule;
    }

    /** Length of the state. */
    static final int STATE_SIZE = 7;

    /**
     * {@code [count, runStart, firedAt, peak, peakP, gap, gapStart]} into {@code out} from {@code offset} (Flink
     * keyed state).
     */
    public void saveState(double[] out, int offset) {
        out[offset] = count;
        out[offset + 1] = runStart;
        out[offset + 2] = firedAt;
        out[offset + 3] = peak;
        out[offset + 4] = peakP;
        out[offset + 5] = gap;
        out[offset + 6] = gapStart;
    }

    public void loadState(double[] st, int offset) {
        count = (int) st[offset];
        runStart = st[offset + 1];
        firedAt = st[offset + 2];
        peak = st[offset + 3];
        peakP = st[offset + 4];
        gap = (int) st[offset + 5];
        gapStart = st[offset + 6];
    }

    /** One decision at time {@code t} with probability {@code p}. */
    public void step(double p, double t, SpindleListener out) {
        if (count > 0 ? p >= rule.keep() : p >= rule.threshold()) {
            if (count == 0) {
                runStart = t;
                peakP = -1;
            }
            count++;
            gap = 0;
            if (p > peakP) {
                peakP = p;
                peak = t;
            }
            if (count == rule.minConsecutive()) {
                firedAt = t;
                out.onFire(t, runStart - rule.lead(), p);
            }
        } else if (count > 0) {
            if (gap == 0) {
                gapStart = t;
            }
            gap++;
            if (gap > rule.maxGap()) {
                end(gapStart, out);
            }
        }
    }

    /** Ends a run cut by the end of the data at time {@code t}. */
    public void flush(double t, SpindleListener out) {
        if (count > 0) {
            end(gap > 0 ? gapStart : t, out);
        }
    }

    private void end(double t, SpindleListener out) {
        if (count >= rule.minConsecutive()) {
            double d = t - runStart;
            out.onSpindle(new Spindle(
                    firedAt,
                    runStart - rule.lead(),
                    t - rule.lead(),
                    peak - rule.lead(),
                    Double.NaN,
                    Double.NaN,
                    peakP,
                    d >= MIN_SECONDS && d <= MAX_SECONDS));
        }
        count = 0;
        gap = 0;
        firedAt = Double.NaN;
    }
}
