package org.neuroloop.classifiers.mi;

import java.util.ArrayList;
import java.util.List;

/**
 * Band-passed epochs with their labels, in file order then annotation order.
 *
 * @param epochs {@code [trial][channel][time]}, µV
 * @param labels class index per trial
 * @param trials where each trial came from
 * @param sessions session (recording) index per trial, into {@code sessionNames}
 * @param sessionNames recording file names
 * @param channels channel labels
 * @param fs sampling rate, Hz
 * @param classes class labels (annotation → class)
 */
public record TrialSet(
        double[][][] epochs,
        int[] labels,
        List<Trial> trials,
        int[] sessions,
        List<String> sessionNames,
        List<String> channels,
        double fs,
        ClassLabels classes) {

    public int size() {
        return epochs.length;
    }

    /** The trials whose index is in {@code idx}, same order. */
    public TrialSet subset(int[] idx) {
        double[][][] e = new double[idx.length][][];
        int[] y = new int[idx.length];
        int[] s = new int[idx.length];
        List<Trial> t = new ArrayList<>();
        for (int i = 0; i < idx.length; i++) {
            e[i] = epochs[idx[i]];
            y[i] = labels[idx[i]];
            s[i] = sessions[idx[i]];
            t.add(trials.get(idx[i]));
        }
        return new TrialSet(e, y, t, s, sessionNames, channels, fs, classes);
    }

    /** Number of trials per class. */
    public int[] classCounts() {
        int[] c = new int[classes.classNames().size()];
        for (int y : labels) {
            c[y]++;
        }
        return c;
    }
}
