package org.neuroloop.classifiers.sleep;

import java.util.ArrayList;
import java.util.List;

/**
 * Replays a whole recorded channel through the causal {@link SpindleDetector}, sample by sample, and collects what
 * it decided: the fires and the spindles reported when they ended. This is the online detector exactly as it would
 * run live; only the input comes from a file.
 *
 * @param spindles every reported spindle, in time order (see {@link Spindle#accepted()})
 * @param fires fire times, in time order (one per reported spindle, plus one for a spindle cut by the end)
 */
public record OnlineSpindleRun(List<Spindle> spindles, double[] fires) {

    /**
     * @param x channel samples (µV), sample i at time {@code t0 + i / fs}
     * @param gate optional per-sample stage gate (null: always open)
     */
    public static OnlineSpindleRun replay(double[] x, double fs, double t0, SpindleParameters p, boolean[] gate) {
        SpindleDetector d = new SpindleDetector(p, fs);
        List<Spindle> out = new ArrayList<>();
        List<Double> fires = new ArrayList<>();
        SpindleListener l = new SpindleListener() {
            @Override
            public void onFire(double firedAt, double onsetEstimate, double score) {
                fires.add(firedAt);
            }

            @Override
            public void onSpindle(Spindle s) {
                out.add(s);
            }
        };
        for (int i = 0; i < x.length; i++) {
            if (gate != null) {
                d.setGate(gate[i]);
            }
            d.step(x[i], t0 + i / fs, l);
        }
        d.flush(l);
        return new OnlineSpindleRun(
                List.copyOf(out),
                fires.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The accepted spindles (duration within limits). */
    public List<Spindle> accepted() {
        return spindles.stream().filter(Spindle::accepted).toList();
    }

    /** Event-level score of the accepted spindles against {@code reference}, with fire-time delays. */
    public DetectionScore score(List<Interval> reference, double minIou, double from, double to) {
        List<Spindle> a = accepted();
        return DetectionScore.score(
                a.stream().map(Spindle::interval).toList(),
                a.stream().mapToDouble(Spindle::firedAt).toArray(),
                reference,
                minIou,
                from,
                to);
    }

    /** Event-level score of offline spindles (no fire times). */
    public static DetectionScore scoreOffline(
            List<Spindle> spindles, List<Interval> reference, double minIou, double from, double to) {
        List<Spindle> a = spindles.stream().filter(Spindle::accepted).toList();
        return DetectionScore.score(a.stream().map(Spindle::interval).toList(), null, reference, minIou, from, to);
    }
}
