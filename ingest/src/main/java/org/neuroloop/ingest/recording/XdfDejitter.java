package org.neuroloop.ingest.recording;

import java.util.ArrayList;
import java.util.List;

/**
 * Removes timestamp jitter of a regularly sampled stream as pyxdf's {@code _jitter_removal} does: the stream is
 * split at breaks (a step above {@code max(1 s, 500 sample periods)}, or an existing gap), and within each segment
 * the timestamps are replaced by their least-squares line over the sample index,
 * {@code t_i = a + b * i}. Irregular streams (rate 0) are left alone.
 */
final class XdfDejitter {
    static final double BREAK_SECONDS = 1;
    static final double BREAK_SAMPLES = 500;

    private XdfDejitter() {}

    /** The dejittered timestamps and the segment starts (index > 0) found. */
    static XdfClockSync.Result dejitter(double[] ts, double rate, int[] gapStarts) {
        int n = ts.length;
        if (n == 0 || !(rate > 0)) {
            return new XdfClockSync.Result(ts.clone(), gapStarts.clone());
        }
        double threshold = Math.max(BREAK_SECONDS, BREAK_SAMPLES / rate);
        List<Integer> starts = new ArrayList<>();
        int g = 0;
        for (int i = 1; i < n; i++) {
            boolean gap = g < gapStarts.length && gapStarts[g] == i;
            if (gap) {
                g++;
            }
            if (gap || ts[i] - ts[i - 1] > threshold) {
                starts.add(i);
            }
        }
        double[] out = new double[n];
        int from = 0;
        for (int k = 0; k <= starts.size(); k++) {
            int to = k < starts.size() ? starts.get(k) : n;
            fitSegment(ts, out, from, to);
            from = to;
        }
        return new XdfClockSync.Result(
                out, starts.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Least-squares line over the index within [from, to), centred for numerical stability. */
    private static void fitSegment(double[] ts, double[] out, int from, int to) {
        int m = to - from;
        if (m == 1) {
            out[from] = ts[from];
            return;
        }
        double meanI = (m - 1) / 2.0;
        double meanT = 0;
        for (int i = from; i < to; i++) {
            meanT += ts[i];
        }
        meanT /= m;
        double sxy = 0;
        double sxx = 0;
        for (int i = from; i < to; i++) {
            double di = (i - from) - meanI;
            sxy += di * (ts[i] - meanT);
            sxx += di * di;
        }
        double slope = sxy / sxx;
        for (int i = from; i < to; i++) {
            out[i] = meanT + slope * ((i - from) - meanI);
        }
    }
}
