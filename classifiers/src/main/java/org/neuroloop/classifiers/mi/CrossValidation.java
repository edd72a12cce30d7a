package org.neuroloop.classifiers.mi;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores a pipeline on given train/test splits: per split, fit on the training trials and score the test trials
 * (accuracy, ROC AUC with class 1 positive); figures are the mean and the population standard deviation over
 * splits, as {@code numpy.mean/std} of scikit-learn's {@code cross_val_score}.
 */
public final class CrossValidation {

    private static final Logger LOG = LoggerFactory.getLogger(CrossValidation.class);

    private CrossValidation() {}

    /** Per-split scores and their summary. */
    public record Result(String pipeline, double[] accuracy, double[] auc, int trials) {
        public double meanAccuracy() {
            return mean(accuracy);
        }

        public double stdAccuracy() {
            return std(accuracy);
        }

        public double meanAuc() {
            return mean(auc);
        }

        public double stdAuc() {
            return std(auc);
        }

        public int folds() {
            return accuracy.length;
        }

        private static double mean(double[] v) {
            double s = 0;
            for (double x : v) {
                s += x;
            }
            return s / v.length;
        }

        private static double std(double[] v) {
            double m = mean(v);
            double s = 0;
            for (double x : v) {
                s += (x - m) * (x - m);
            }
            return Math.sqrt(s / v.length);
        }
    }

    /**
     * What each split produced, as it finishes: its test trials, the class probabilities the fitted pipeline gave
     * them and their score (for out-of-fold plots and progress).
     */
    @FunctionalInterface
    public interface SplitListener {
        void onSplit(int index, int splits, TrialSet test, double[][] proba, Score score);
    }

    public static Result run(PipelineSpec spec, TrialSet trials, List<Split> splits) {
        return run(spec, trials, splits, (i, n, test, proba, score) -> {});
    }

    public static Result run(PipelineSpec spec, TrialSet trials, List<Split> splits, SplitListener listener) {
        Map<double[][], DMatrixRMaj> cache = new IdentityHashMap<>();
        double[] acc = new double[splits.size()];
        double[] auc = new double[splits.size()];
        for (int f = 0; f < splits.size(); f++) {
            Split s = splits.get(f);
            TrialSet train = trials.subset(s.train());
            TrialSet test = trials.subset(s.test());
            MotorImageryPipeline p = spec.create(cache).fit(train.epochs(), train.labels(), train.sessions());
            double[][] proba = p.predictProba(test.epochs(), test.sessions());
            Score score = score(proba, test.labels());
            acc[f] = score.accuracy();
            auc[f] = score.auc();
            LOG.debug("{} split {}: accuracy {} auc {}", spec.describe(), f, acc[f], auc[f]);
            listener.onSplit(f, splits.size(), test, proba, score);
        }
        return new Result(spec.describe(), acc, auc, trials.size());
    }

    /** Accuracy and AUC of a fitted pipeline on a test set (its sessions re-centred by themselves if enabled). */
    public record Score(double accuracy, double auc) {}

    public static Score score(MotorImageryPipeline p, TrialSet test) {
        return score(p.predictProba(test.epochs(), test.sessions()), test.labels());
    }

    /** Accuracy and AUC of class probabilities {@code [P(0), P(1)]} against labels. */
    public static Score score(double[][] proba, int[] labels) {
        int correct = 0;
        double[] s = new double[proba.length];
        for (int i = 0; i < proba.length; i++) {
            int pred = proba[i][1] > proba[i][0] ? 1 : 0;
            if (pred == labels[i]) {
                correct++;
            }
            s[i] = proba[i][1];
        }
        return new Score((double) correct / proba.length, RocAuc.of(labels, s));
    }

    /** Splits from a folds file, after checking it describes these trials. */
    public static List<Split> splits(FoldsFile folds, TrialSet trials) {
        folds.requireMatches(trials);
        return folds.splits();
    }

    /** Repeated stratified k-fold splits. */
    public static List<Split> splits(int[] labels, int k, int repeats, long seed) {
        List<Split> out = new ArrayList<>();
        for (int[] row : Split.stratifiedFolds(labels, k, repeats, seed)) {
            for (int f = 0; f < k; f++) {
                out.add(Split.ofFold(row, f));
            }
        }
        return out;
    }
}
