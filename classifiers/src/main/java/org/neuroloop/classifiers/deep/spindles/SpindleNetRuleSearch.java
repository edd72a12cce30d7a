package org.neuroloop.classifiers.deep.spindles;

import java.util.ArrayList;
import java.util.List;
import org.neuroloop.classifiers.sleep.DetectionScore;
import org.neuroloop.classifiers.sleep.OnlineSpindleRun;

/**
 * Picks the {@link SpindleNetEvents.Rule} on training signals: the grid of thresholds, consecutive decisions, leads
 * and bridged gaps whose pooled online F1 (IoU ≥ {@value #IOU}, scored part of each signal) is highest among rules
 * with a median fire delay ≤ {@value #MAX_DELAY} s (Portiloop's stimulation budget); if none meets the delay, the best
 * F1.
 */
final class SpindleNetRuleSearch {

    static final double IOU = 0.2;
    static final double MAX_DELAY = 0.3;
    /** Decisions below the threshold a run may bridge (at 40 ms per decision: 0 to 0.48 s). */
    static final int[] GAPS = {0, 1, 2, 3, 5, 8, 12};
    /**
     * Spindle probabilities counted as spindle: 0.3–0.95 in steps of 0.05, then finer up to 0.99 (the network is
     * trained on a few negatives per positive, so its probabilities run high on the far more frequent background).
     */
    static final double[] THRESHOLDS = {
        0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.97, 0.98, 0.99
    };

    private SpindleNetRuleSearch() {}

    static SpindleNetEvents.Rule best(List<LabelledSignal> signals, List<SpindleNetModel.Decisions> decisions) {
        SpindleNetEvents.Rule best = null;
        double bestF1 = -1;
        boolean bestFast = false;
        for (double th : THRESHOLDS) {
            for (int m = 1; m <= 3; m++) {
                for (double lead : new double[] {0, 0.1, 0.2, 0.3, 0.4}) {
                    for (int gap : GAPS) {
                        SpindleNetEvents.Rule r = new SpindleNetEvents.Rule(th, m, lead, gap);
                        List<DetectionScore> parts = new ArrayList<>();
                        for (int i = 0; i < signals.size(); i++) {
                            LabelledSignal s = signals.get(i);
                            OnlineSpindleRun run = SpindleNetModel.events(decisions.get(i), s.fs(), 0, s.x().length, r);
                            parts.add(run.score(s.reference(), IOU, 0, s.scoredUntil()));
                        }
                        DetectionScore p = DetectionScore.pooled(parts);
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
        return best;
    }
}
