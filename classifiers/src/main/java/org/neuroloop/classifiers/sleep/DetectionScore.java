package org.neuroloop.classifiers.sleep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Event-level precision, recall and F1 of detections against a reference (see {@link EventMatching}).
 *
 * <p>{@code precision = tp / (tp + fp)}, {@code recall = tp / (tp + fn)}, {@code F1 = 2 tp / (2 tp + fp + fn)}
 * (0 when undefined). Pooling over recordings adds the counts, then recomputes the ratios.
 *
 * @param tp matched detections
 * @param fp unmatched detections
 * @param fn unmatched reference events
 * @param delays for online detections, fire time minus reference onset of every matched pair, seconds (empty if
 *     the detections carry no fire time)
 */
public record DetectionScore(int tp, int fp, int fn, double[] delays) {

    public DetectionScore {
        delays = delays.clone();
    }

    /**
     * Scores detections against the reference within a time window: an event belongs to the window when its onset is
     * in {@code [from, to)}.
     *
     * @param fireTimes fire time of each detection (same order), or null for offline detections
     */
    public static DetectionScore score(
            List<Interval> detections,
            double[] fireTimes,
            List<Interval> reference,
            double minIou,
            double from,
            double to) {
        if (fireTimes != null && fireTimes.length != detections.size()) {
            throw new IllegalArgumentException(
                    fireTimes.length + " fire times for " + detections.size() + " detections");
        }
        List<Interval> d = new ArrayList<>();
        List<Double> f = new ArrayList<>();
        for (int i = 0; i < detections.size(); i++) {
            Interval e = detections.get(i);
            if (e.start() >= from && e.start() < to) {
                d.add(e);
                f.add(fireTimes == null ? Double.NaN : fireTimes[i]);
            }
        }
        List<Interval> r = reference.stream()
                .filter(e -> e.start() >= from && e.start() < to)
                .toList();
        List<EventMatching.Match> m = EventMatching.greedy(d, r, minIou);
        double[] delays = fireTimes == null
                ? new double[0]
                : m.stream()
                        .mapToDouble(
                                p -> f.get(p.detection()) - r.get(p.reference()).start())
                        .toArray();
        return new DetectionScore(m.size(), d.size() - m.size(), r.size() - m.size(), delays);
    }

    /** Sum of counts (and delays) over recordings. */
    public static DetectionScore pooled(List<DetectionScore> parts) {
        int tp = 0, fp = 0, fn = 0;
        double[] all = new double[0];
        for (DetectionScore s : parts) {
            tp += s.tp;
            fp += s.fp;
            fn += s.fn;
            double[] merged = Arrays.copyOf(all, all.length + s.delays.length);
            System.arraycopy(s.delays, 0, merged, all.length, s.delays.length);
            all = merged;
        }
        return new DetectionScore(tp, fp, fn, all);
    }

    public int detected() {
        return tp + fp;
    }

    public int referenceCount() {
        return tp + fn;
    }

    public double precision() {
        return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    }

    public double recall() {
        return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
    }

    public double f1() {
        return 2 * tp + fp + fn == 0 ? 0 : 2.0 * tp / (2 * tp + fp + fn);
    }

    /** Median of {@link #delays()}; NaN if there are none. */
    public double medianDelay() {
        return Robust.median(delays);
    }

    @Override
    public double[] delays() {
        return delays.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DetectionScore s
                && tp == s.tp
                && fp == s.fp
                && fn == s.fn
                && Arrays.equals(delays, s.delays);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * tp + fp) + fn) + Arrays.hashCode(delays);
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT, "tp=%d fp=%d fn=%d P=%.3f R=%.3f F1=%.3f", tp, fp, fn, precision(), recall(), f1());
    }
}
