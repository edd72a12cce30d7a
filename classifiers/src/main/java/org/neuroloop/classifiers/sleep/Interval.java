package org.neuroloop.classifiers.sleep;

/**
 * A scored or detected event as a time interval {@code [start, end)} in seconds.
 *
 * @param start onset, seconds
 * @param end offset, seconds ({@code end >= start})
 */
public record Interval(double start, double end) {
    public Interval {
        if (!Double.isFinite(start) || !Double.isFinite(end) || end < start) {
            throw new IllegalArgumentException("interval needs finite start <= end, got [" + start + ", " + end + ")");
        }
    }

    public static Interval ofDuration(double onset, double duration) {
        return new Interval(onset, onset + duration);
    }

    public double duration() {
        return end - start;
    }

    /**
     * Intersection over union, {@code |a ∩ b| / |a ∪ b|}; 0 for disjoint or touching intervals. Symmetric, in [0, 1],
     * and 1 exactly for equal intervals of positive length.
     */
    public double iou(Interval o) {
        double inter = Math.min(end, o.end) - Math.max(start, o.start);
        if (inter <= 0) {
            return 0;
        }
        double union = Math.max(end, o.end) - Math.min(start, o.start);
        return inter / union;
    }
}
