package org.neuroloop.classifiers.sleep;

import java.util.ArrayList;
import java.util.List;
import org.neuroloop.dsp.filter.Butterworth;
import org.neuroloop.dsp.filter.IirFilter;

/**
 * The same spindle detector run offline on a whole signal (non-causal): zero-phase band-passes
 * ({@link ZeroPhaseFilter}), centred boxcar windows, and one robust baseline (median/MAD of the one-second means over
 * the whole recording) instead of the running one. Thresholds and run logic are those of {@link SpindleDetector};
 * the lags are 0 because nothing is delayed, and {@link Spindle#firedAt()} is NaN.
 */
public final class OfflineSpindleDetector {

    private OfflineSpindleDetector() {}

    /**
     * @param x one channel, µV
     * @param fs sampling rate, Hz
     * @param t0 time of the first sample, seconds
     * @param gate optional per-sample stage gate (null: everywhere)
     * @return spindles in time order, including rejected ones ({@link Spindle#accepted()})
     */
    public static List<Spindle> detect(double[] x, double fs, double t0, SpindleParameters p, boolean[] gate) {
        p.checkRate(fs);
        int n = x.length;
        double[] clean = x.clone();
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(clean[i])) {
                clean[i] = 0;
            }
        }
        IirFilter bb = Butterworth.bandpass(p.filterOrder(), p.broadLowHz(), p.broadHighAt(fs), fs);
        IirFilter sg = Butterworth.bandpass(p.filterOrder(), p.sigmaLowHz(), p.sigmaHighHz(), fs);
        double[] b = ZeroPhaseFilter.apply(bb, clean);
        double[] s = ZeroPhaseFilter.apply(sg, b);
        int w = Math.max(1, (int) Math.round(p.windowSeconds() * fs));
        double[] ms = centred(s, null, w), mb = centred(b, null, w);
        double[] pss = centred(s, s, w), pbb = centred(b, b, w), psb = centred(s, b, w);
        double[] logRms = new double[n], logRel = new double[n], corr = new double[n];
        for (int i = 0; i < n; i++) {
            double ps = Math.max(pss[i], 1e-12), pb = Math.max(pbb[i], 1e-12);
            logRms[i] = 0.5 * Math.log(ps);
            logRel[i] = Math.log(ps / pb);
            double cov = psb[i] - ms[i] * mb[i];
            corr[i] = cov / Math.sqrt(Math.max((pss[i] - ms[i] * ms[i]) * (pbb[i] - mb[i] * mb[i]), 1e-12));
        }
        double[] rmsStats = blockStats(logRms, (int) Math.round(fs));
        double[] relStats = blockStats(logRel, (int) Math.round(fs));
        SpindleParameters offline = new SpindleParameters(
                p.sigmaLowHz(),
                p.sigmaHighHz(),
                p.broadLowHz(),
                p.broadHighHz(),
                p.filterOrder(),
                p.windowSeconds(),
                p.baselineSeconds(),
                p.warmupSeconds(),
                p.zRmsStart(),
                p.zRelStart(),
                p.corrStart(),
                p.zRmsKeep(),
                p.corrKeep(),
                p.fireSeconds(),
                0,
                0,
                p.minDurationSeconds(),
                p.maxDurationSeconds());
        SpindleRunTracker tracker = new SpindleRunTracker((int) Math.round(p.fireSeconds() * fs), offline);
        List<Spindle> out = new ArrayList<>();
        double[] maxZ = {Double.NEGATIVE_INFINITY};
        SpindleListener collect = new SpindleListener() {
            @Override
            public void onFire(double firedAt, double onsetEstimate, double score) {}

            @Override
            public void onSpindle(Spindle sp) {
                out.add(new Spindle(
                        Double.NaN,
                        sp.onset(),
                        sp.offset(),
                        sp.peak(),
                        sp.frequency(),
                        sp.amplitude(),
                        maxZ[0],
                        sp.accepted()));
            }
        };
        for (int i = 0; i < n; i++) {
            double z = (logRms[i] - rmsStats[0]) / rmsStats[1];
            double zr = (logRel[i] - relStats[0]) / relStats[1];
            boolean open = (gate == null || gate[i]) && Double.isFinite(x[i]);
            boolean keep = open && z >= p.zRmsKeep() && corr[i] >= p.corrKeep();
            boolean start = keep && z >= p.zRmsStart() && zr >= p.zRelStart() && corr[i] >= p.corrStart();
            if (keep) {
                maxZ[0] = Math.max(maxZ[0], z);
            }
            tracker.step(t0 + i / fs, start, keep, s[i], z, collect);
            if (!keep) {
                maxZ[0] = Double.NEGATIVE_INFINITY;
            }
        }
        if (tracker.inRun()) {
            tracker.finish(t0 + n / fs, collect);
        }
        return out;
    }

    /**
     * Centred boxcar mean of {@code a * b} (or of {@code a} when b is null) over {@code w} samples, shrunk at the
     * edges.
     */
    static double[] centred(double[] a, double[] b, int w) {
        int n = a.length;
        double[] c = new double[n + 1];
        for (int i = 0; i < n; i++) {
            c[i + 1] = c[i] + (b == null ? a[i] : a[i] * b[i]);
        }
        double[] out = new double[n];
        int half = w / 2;
        for (int i = 0; i < n; i++) {
            int lo = Math.max(0, i - half), hi = Math.min(n, i - half + w);
            out[i] = (c[hi] - c[lo]) / (hi - lo);
        }
        return out;
    }

    /** {median, MAD} of the one-second block means of {@code v}. */
    static double[] blockStats(double[] v, int block) {
        int nb = Math.max(1, v.length / block);
        double[] means = new double[nb];
        for (int k = 0; k < nb; k++) {
            double sum = 0;
            int cnt = 0;
            for (int i = k * block; i < Math.min(v.length, (k + 1) * block); i++) {
                sum += v[i];
                cnt++;
            }
            means[k] = cnt == 0 ? 0 : sum / cnt;
        }
        double[] out = new double[2];
        Robust.medianAndMad(means, nb, new double[nb], out);
        out[1] = Math.max(out[1], 1e-9);
        return out;
    }
}
