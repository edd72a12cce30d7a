package org.neuroloop.classifiers.deep.spindles;

import java.util.ArrayList;
import java.util.List;
import org.neuroloop.classifiers.sleep.DetectionScore;
import org.neuroloop.classifiers.sleep.OnlineSpindleRun;

/**
 * Picks the {@link SpindleNetEvents.Rule} on training signals: the grid of thresholds, continuation thresholds,
 * consecutive decisions, leads and bridged gaps whose pooled online F1 (IoU ≥ {@value #IOU}, scored part of each
 * signal) is highest among rules with a median fire delay ≤ {@value #MAX_DELAY} s (Portiloop's stimulation budget);
 * if none meets the delay, the best F1.
 */
final class SpindleNetRuleSearch {

    static final double IOU = 0.2;
    static final double MAX_DELAY = 0.3;
    /** Decisions below the threshold a run may bridge (at 40 ms per decision: 0 to 0.48 s). */
    static final int[] GAPS = {0, 1, 2, 3, 5, 8, 12};
    /** How far below the start threshold a run may continue (hysteresis). */
    static final double[] KEEP_BELOW = {0, 0.1, 0.2, 0.4};
    /** Thresholds on the relative score (robust z of the logit). */
    static final double[] Z_THRESHOLDS = {0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6, 8};
    /** How far below the start threshold a run may continue, relative score. */
    static final double[] Z_KEEP_BELOW = {0, 0.5, 1, 2};
    /** Seconds the reported interval is moved back (the trailing window makes runs lag the spindle). */
    static final double[] LEADS = {0, 0.1, 0.2, 0.3, 0.4};
    /**
     * Spindle probabilities counted as spindle: 0.3–0.95 in steps of 0.05, then finer up to 0.99 (the network is
     * trained on a few negatives per positive, so its probabilities run high on the far more frequent background).
     */
    static final double[] THRESHOLDS = {
        0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.97, 0.98, 0.99
    };

    private SpindleNetRuleSearch() {}

    static SpindleNetEvents.Rule best(
            List<LabelledSignal> signals, List<SpindleNetModel.Decisions> decisions, SpindleNetConfig cfg) {
        boolean relative = cfg.relativeThreshold();
        List<SpindleNetModel.Decisions> scored = new ArrayList<>();
        for (SpindleNetModel.Decisions d : decisions) {
            scored.add(SpindleNetModel.scored(d, relative, cfg.decisionsPerSecond()));
        }
        SpindleNetEvents.Rule best = null;
        double bestF1 = -1;
        boolean bestFast = false;
        for (double th : relative ? Z_THRESHOLDS : THRESHOLDS) {
            for (double below : relative ? Z_KEEP_BELOW : KEEP_BELOW) {
                if (!relative && !(th - below > 0)) {
                    continue;
                }
                for (int m = 1; m <= 3; m++) {
                    for (double lead : LEADS) {
                        for (int gap : GAPS) {
                            SpindleNetEvents.Rule r = new SpindleNetEvents.Rule(th, m, lead, gap, th - below, relative);
                            DetectionScore p = score(signals, scored, r);
                            boolean fast = !(p.medianDelay() > MAX_DELAY);
                            if ((fast && !bestFast) || (fast == bestFast && p.f1() > bestF1)) {
                                best = r;
                                bestF1 = p.f1();
                                bestFast = fast;
                            }
                        }
                    }
                }
            }
        }
        return best;
    }

    /** Pooled online score of {@code rule} over the scored part of the signals ({@code decisions} scored for it). */
    static DetectionScore score(
            List<LabelledSignal> signals, List<SpindleNetModel.Decisions> decisions, SpindleNetEvents.Rule rule) {
        List<DetectionScore> parts = new ArrayList<>();
        for (int i = 0; i < signals.size(); i++) {
            LabelledSignal s = signals.get(i);
            OnlineSpindleRun run = SpindleNetModel.events(decisions.get(i), s.fs(), 0, s.x().length, rule);
            parts.add(run.score(s.reference(), IOU, 0, s.scoredUntil()));
        }
        return DetectionScore.pooled(parts);
    }
}
