package org.neuroloop.classifiers.mi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * One train/test split of trial indices.
 *
 * @param train training trial indices, ascending
 * @param test test trial indices, ascending
 */
public record Split(int[] train, int[] test) {

    /** The split whose test set is the trials assigned to {@code fold}. */
    public static Split ofFold(int[] foldOfTrial, int fold) {
        return new Split(
                Arrays.stream(indices(foldOfTrial.length))
                        .filter(i -> foldOfTrial[i] != fold)
                        .toArray(),
                Arrays.stream(indices(foldOfTrial.length))
                        .filter(i -> foldOfTrial[i] == fold)
                        .toArray());
    }

    private static int[] indices(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return idx;
    }

    /**
     * Repeated stratified k-fold: per repeat, each class's trials are shuffled ({@link Random} seeded with
     * {@code seed + repeat}) and dealt round-robin to the k folds. Same idea as scikit-learn's
     * {@code RepeatedStratifiedKFold}, not the same random draws: use a folds file to reproduce sklearn's folds.
     */
    public static int[][] stratifiedFolds(int[] labels, int k, int repeats, long seed) {
        int classes = Arrays.stream(labels).max().orElse(0) + 1;
        for (int c = 0; c < classes; c++) {
            final int cc = c;
            long count = Arrays.stream(labels).filter(y -> y == cc).count();
            if (count < k) {
                throw new IllegalArgumentException(
                        "--kfold " + k + ": class " + c + " has only " + count + " trials (need >= k)");
            }
        }
        int[][] out = new int[repeats][labels.length];
        for (int r = 0; r < repeats; r++) {
            Random rnd = new Random(seed + r);
            int next = 0;
            for (int c = 0; c < classes; c++) {
                List<Integer> members = new ArrayList<>();
                for (int i = 0; i < labels.length; i++) {
                    if (labels[i] == c) {
                        members.add(i);
                    }
                }
                Collections.shuffle(members, rnd);
                for (int m : members) {
                    out[r][m] = next % k;
                    next++;
                }
            }
        }
        return out;
    }
}
