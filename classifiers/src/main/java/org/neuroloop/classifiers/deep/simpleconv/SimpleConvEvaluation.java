package org.neuroloop.classifiers.deep.simpleconv;

import java.util.List;
import org.neuroloop.classifiers.deep.TrainingProgress;
import org.neuroloop.classifiers.mi.CrossValidation;
import org.neuroloop.classifiers.mi.RocAuc;
import org.neuroloop.classifiers.mi.Split;

/**
 * Scores a pretrained {@link SimpleConvModel} on a target subject: zero-shot (the target's own alignment, no target
 * labels), or fine-tuned per split on the training fold and tested on the test fold. The target is aligned from
 * all of its trials in both cases; alignment uses no labels, so the test labels never reach the model.
 */
public final class SimpleConvEvaluation {

    private SimpleConvEvaluation() {}

    public static CrossValidation.Score zeroShot(SimpleConvModel pretrained, SubjectTrials target) {
        requireFits(pretrained, target);
        double[] p = pretrained.predictProba1(target.aligned());
        return score(p, target.trials().labels());
    }

    /** Fine-tuned per split with the pretrained model's own schedule (plain fine-tuning). */
    public static CrossValidation.Result fineTuned(
            SimpleConvModel pretrained, SubjectTrials target, List<Split> splits, TrainingProgress progress) {
        return fineTuned(pretrained, target, splits, FineTuning.of(pretrained.config()), progress);
    }

    /**
     * Fine-tuned per split by {@code how} on the training fold, scored on the test fold. The target is aligned from
     * all of its trials, or, with {@link FineTuning#alignOnTrainingFold()}, from each training fold alone.
     */
    public static CrossValidation.Result fineTuned(
            SimpleConvModel pretrained,
            SubjectTrials target,
            List<Split> splits,
            FineTuning how,
            TrainingProgress progress) {
        requireFits(pretrained, target);
        double[][][] raw = target.trials().epochs();
        double[][][] aligned = how.alignOnTrainingFold() ? null : target.aligned();
        int[] y = target.trials().labels();
        double[] acc = new double[splits.size()];
        double[] auc = new double[splits.size()];
        long t0 = System.nanoTime();
        for (int f = 0; f < splits.size(); f++) {
            Split s = splits.get(f);
            EuclideanAlignment a =
                    how.alignOnTrainingFold() ? EuclideanAlignment.fit(pick(raw, s.train())) : target.alignment();
            double[][][] train = aligned == null ? a.applyAll(pick(raw, s.train())) : pick(aligned, s.train());
            double[][][] test = aligned == null ? a.applyAll(pick(raw, s.test())) : pick(aligned, s.test());
            SimpleConvModel tuned = pretrained.fineTune(train, pick(y, s.train()), a, how, epochsOnly(progress));
            CrossValidation.Score sc = score(tuned.predictProba1(test), pick(y, s.test()));
            acc[f] = sc.accuracy();
            auc[f] = sc.auc();
            if ((f + 1) % 5 == 0 || f + 1 == splits.size()) {
                progress.report(String.format(
                        "%s: fine-tuned split %d/%d, mean accuracy so far %.3f, %.1f s",
                        target.subject(), f + 1, splits.size(), mean(acc, f + 1), (System.nanoTime() - t0) / 1e9));
            }
        }
        return new CrossValidation.Result("simpleconv fine-tuned", acc, auc, y.length);
    }

    /** {@code progress} without the per-epoch lines of each split (its epoch count still arrives). */
    private static TrainingProgress epochsOnly(TrainingProgress progress) {
        return new TrainingProgress() {
            @Override
            public void report(String line) {}

            @Override
            public void epochDone(int epoch, int epochs) {
                progress.epochDone(epoch, epochs);
            }
        };
    }

    private static void requireFits(SimpleConvModel m, SubjectTrials target) {
        m.requireCompatible(target.trials().channels(), target.trials().fs(), "subject " + target.subject());
    }

    static CrossValidation.Score score(double[] p1, int[] y) {
        int correct = 0;
        for (int i = 0; i < p1.length; i++) {
            if ((p1[i] > 0.5 ? 1 : 0) == y[i]) {
                correct++;
            }
        }
        return new CrossValidation.Score((double) correct / p1.length, RocAuc.of(y, p1));
    }

    private static double mean(double[] v, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += v[i];
        }
        return s / n;
    }

    private static double[][][] pick(double[][][] x, int[] idx) {
        double[][][] out = new double[idx.length][][];
        for (int i = 0; i < idx.length; i++) {
            out[i] = x[idx[i]];
        }
        return out;
    }

    private static int[] pick(int[] x, int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = x[idx[i]];
        }
        return out;
    }
}
