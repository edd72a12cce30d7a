package org.neuroloop.classifiers.mi;

import java.util.ArrayList;
import java.util.List;
import org.neuroloop.dsp.record.Prediction;

/**
 * Per-trial online accuracy of a stream of decisions: for each cued trial, the decision taken at the end of its
 * cue window — the newest prediction whose timestamp is at or before the window's last sample
 * {@code t0 + (onset_sample + round(tmin·fs) + round((tmax − tmin)·fs) − 1) / fs}.
 */
public final class OnlineTrialScore {

    private OnlineTrialScore() {}

    /**
     * @param trial the cued trial
     * @param timestamp timestamp of the decision used (NaN when none came before the window end)
     * @param predicted predicted class, -1 when no decision
     * @param probabilities the decision's probabilities (null when none)
     */
    public record TrialDecision(Trial trial, double timestamp, int predicted, double[] probabilities) {
        public boolean correct() {
            return predicted == trial.label();
        }
    }

    /** Decisions per trial; {@code predictions} in time order, {@code t0} the stream's first timestamp. */
    public static List<TrialDecision> decisions(
            List<Trial> trials, List<Prediction> predictions, EpochWindow window, double fs, double t0) {
        List<TrialDecision> out = new ArrayList<>();
        for (Trial t : trials) {
            double end = t0 + (t.onsetSample() + window.startOffset(fs) + window.length(fs) - 1) / fs;
            Prediction best = null;
            for (Prediction p : predictions) {
                if (p.timestamp() <= end + 1e-9 && (best == null || p.timestamp() > best.timestamp())) {
                    best = p;
                }
            }
            out.add(
                    best == null
                            ? new TrialDecision(t, Double.NaN, -1, null)
                            : new TrialDecision(t, best.timestamp(), best.predictedClass(), best.probabilities()));
        }
        return out;
    }

    /** Fraction of trials decided correctly (undecided trials count as wrong). */
    public static double accuracy(List<TrialDecision> decisions) {
        if (decisions.isEmpty()) {
            return Double.NaN;
        }
        return decisions.stream().filter(TrialDecision::correct).count() / (double) decisions.size();
    }
}
