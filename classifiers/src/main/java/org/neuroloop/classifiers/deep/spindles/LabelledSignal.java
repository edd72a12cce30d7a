package org.neuroloop.classifiers.deep.spindles;

import java.util.List;
import org.neuroloop.classifiers.sleep.Interval;

/**
 * One scored channel for training or scoring the spindle network.
 *
 * @param name where it came from (for messages)
 * @param x samples, µV, sample i at {@code i / fs} seconds
 * @param fs sampling rate, Hz
 * @param reference scored spindles (what detections are scored against)
 * @param extraPositives further spindles counted as positive in training only (e.g. a second scorer), may be empty
 * @param scoredUntil the scoring covers {@code [0, scoredUntil)} seconds (DREAMS expert 1: 1000 s)
 */
public record LabelledSignal(
        String name,
        double[] x,
        double fs,
        List<Interval> reference,
        List<Interval> extraPositives,
        double scoredUntil) {

    /** Whether time t lies inside a scored spindle of either list. */
    boolean inSpindle(double t) {
        return inside(reference, t) || inside(extraPositives, t);
    }

    private static boolean inside(List<Interval> events, double t) {
        for (Interval r : events) {
            if (t >= r.start() && t < r.end()) {
                return true;
            }
        }
        return false;
    }
}
