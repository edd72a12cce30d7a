package org.neuroloop.ingest.synthetic;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How strongly each channel of a montage picks up each source of {@link SyntheticEeg} ({@link Montage1020#weight}):
 * alpha at POz, left and right motor rhythms at C3 and C4, spindles at Cz, slow oscillations at Fz.
 *
 * <p>The weights depend on the channel labels only, so sessions with the same montage share one instance (read-only
 * arrays): a source running thousands of sessions then reads one set of weights per sample, kept in cache, instead
 * of a cold copy per session.
 */
final class ScalpWeights {
    /** Distinct montages kept; more are computed per session (no unbounded growth from arbitrary label lists). */
    private static final int SHARED_MONTAGES = 64;

    private static final Map<List<String>, ScalpWeights> SHARED = new ConcurrentHashMap<>();

    final double[] alpha;
    final double[] left;
    final double[] right;
    final double[] spindle;
    final double[] slow;

    private ScalpWeights(List<String> labels) {
        alpha = weights(labels, "POz", SyntheticEeg.SIGMA_ALPHA);
        left = weights(labels, "C3", SyntheticEeg.SIGMA_MOTOR);
        right = weights(labels, "C4", SyntheticEeg.SIGMA_MOTOR);
        spindle = weights(labels, "Cz", SyntheticEeg.SIGMA_SLEEP);
        slow = weights(labels, "Fz", SyntheticEeg.SIGMA_SLEEP);
    }

    /** The weights of {@code labels} (an immutable list), shared with every other session of that montage. */
    static ScalpWeights of(List<String> labels) {
        ScalpWeights w = SHARED.get(labels);
        if (w != null) {
            return w;
        }
        w = new ScalpWeights(labels);
        if (SHARED.size() < SHARED_MONTAGES) {
            ScalpWeights before = SHARED.putIfAbsent(labels, w);
            return before == null ? w : before;
        }
        return w;
    }

    private static double[] weights(List<String> labels, String source, double sigma) {
        double[] w = new double[labels.size()];
        for (int c = 0; c < w.length; c++) {
            w[c] = Montage1020.weight(labels.get(c), source, sigma);
        }
        return w;
    }
}
