package org.neuroloop.classifiers.mi;

/**
 * Area under the ROC curve for labels in {0, 1} (1 positive) and scores (higher = more positive): the
 * Mann-Whitney probability that a random positive outscores a random negative, ties counting ½ — equal to
 * scikit-learn's {@code roc_auc_score}.
 */
public final class RocAuc {

    private RocAuc() {}

    public static double of(int[] labels, double[] scores) {
        double sum = 0;
        long pos = 0;
        long neg = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == 1) {
                pos++;
            } else {
                neg++;
            }
        }
        if (pos == 0 || neg == 0) {
            throw new IllegalArgumentException(
                    "ROC AUC needs both classes in the test set, got " + pos + " positive and " + neg + " negative");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 1) {
                continue;
            }
            for (int j = 0; j < labels.length; j++) {
                if (labels[j] == 1) {
                    continue;
                }
                sum += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
            }
        }
        return sum / ((double) pos * neg);
    }
}
