package org.neuroloop.classifiers.sleep;

import org.neuroloop.classifiers.detect.SavedState;
import org.neuroloop.dsp.filter.Butterworth;
import org.neuroloop.dsp.filter.IirFilter;
import org.neuroloop.dsp.filter.SosFilter;

/**
 * Causal online sleep-spindle detector for one channel: every decision at time t uses only samples up to t.
 *
 * <p>Per sample x: broadband b = Butterworth band-pass (1–30 Hz) of x, sigma s = band-pass (11–16 Hz) of b, both
 * causal with carried state; over a trailing 0.3 s boxcar the sigma RMS {@code sqrt(E[s²])}, the relative sigma
 * power {@code E[s²]/E[b²]} and the sigma–broadband correlation; log RMS and log relative power are turned into robust
 * z-scores against a running one-second-block median/MAD baseline ({@link RunningRobustBaseline}). The run logic
 * ({@link SpindleRunTracker}) fires when all three start thresholds hold and reports the spindle when the
 * continuation condition fails. Features follow Lacourse et al. 2019 (A7, J. Neurosci. Methods 316:3) and YASA
 * (Vallat &amp; Walker 2021); the causal filtering, one-sided windows and running baselines are what make it online.
 * See {@link SpindleParameters} for the values and why.
 *
 * <p>Feed samples in any chunking: results are identical (each sample goes through the same operations in order).
 * Optional stage gating: {@link #setGate(boolean)} closes the gate (no start, runs end) e.g. outside N2/N3. A
 * non-finite sample is treated as a gap: it is replaced by 0 in the filters and nothing starts for one window.
 * Not thread-safe; one instance per channel and session. The full state is a {@code double[]} ({@link #saveState()},
 * {@link #loadState(double[])}) for Flink keyed state.
 */
public final class SpindleDetector implements SavedState {
    private final SpindleParameters p;
    private final double fs;
    private final SosFilter broad;
    private final SosFilter sigma;
    private final SlidingMoments moments;
    private final RunningRobustBaseline rmsBaseline;
    private final RunningRobustBaseline relBaseline;
    private final SpindleRunTracker tracker;
    private final int window;
    private final double[] one = new double[1];
    private long samples;
    private int badHold;
    private boolean gateOpen = true;

    public SpindleDetector(SpindleParameters p, double fs) {
        p.checkRate(fs);
        this.p = p;
        this.fs = fs;
        IirFilter bb = Butterworth.bandpass(p.filterOrder(), p.broadLowHz(), p.broadHighAt(fs), fs);
        IirFilter sg = Butterworth.bandpass(p.filterOrder(), p.sigmaLowHz(), p.sigmaHighHz(), fs);
        this.broad = SosFilter.zeroState(bb, 1);
        this.sigma = SosFilter.zeroState(sg, 1);
        this.window = Math.max(1, (int) Math.round(p.windowSeconds() * fs));
        this.moments = new SlidingMoments(window);
        int block = Math.max(1, (int) Math.round(fs));
        int span = Math.max(1, (int) Math.round(p.baselineSeconds()));
        int minBlocks = Math.max(1, Math.min(span, (int) Math.round(p.warmupSeconds())));
        this.rmsBaseline = new RunningRobustBaseline(block, span, minBlocks);
        this.relBaseline = new RunningRobustBaseline(block, span, minBlocks);
        this.tracker = new SpindleRunTracker((int) Math.round(p.fireSeconds() * fs), p);
    }

    public SpindleParameters parameters() {
        return p;
    }

    public double rate() {
        return fs;
    }

    /** Opens or closes the stage gate (closed: nothing starts and a running spindle ends at the next sample). */
    public void setGate(boolean open) {
        this.gateOpen = open;
    }

    /**
     * Processes {@code x[from..to)} with sample times {@code t[from..to)} (seconds, increasing).
     */
    public void process(double[] x, double[] t, int from, int to, SpindleListener out) {
        for (int i = from; i < to; i++) {
            step(x[i], t[i], out);
        }
    }

    /** Processes one sample. */
    public void step(double value, double time, SpindleListener out) {
        boolean bad = !Double.isFinite(value);
        if (bad) {
            badHold = window;
        }
        one[0] = bad ? 0 : value;
        broad.processInPlace(one);
        double b = one[0];
        sigma.processInPlace(one);
        double s = one[0];
        moments.add(s, b);
        double ps = Math.max(moments.sigmaPower(), 1e-12);
        double pb = Math.max(moments.broadPower(), 1e-12);
        double logRms = 0.5 * Math.log(ps);
        double logRel = Math.log(ps / pb);
        double corr = moments.correlation();
        double z = rmsBaseline.z(logRms);
        double zr = relBaseline.z(logRel);
        rmsBaseline.add(logRms);
        relBaseline.add(logRel);
        samples++;
        boolean usable = gateOpen && badHold == 0 && !Double.isNaN(z) && !Double.isNaN(zr);
        if (badHold > 0) {
            badHold--;
        }
        boolean keep = usable && z >= p.zRmsKeep() && corr >= p.corrKeep();
        boolean start = keep && z >= p.zRmsStart() && zr >= p.zRelStart() && corr >= p.corrStart();
        tracker.step(time, start, keep, s, z, out);
    }

    /** Ends a running spindle as if the signal stopped after the last sample (end of a recording). */
    public void flush(SpindleListener out) {
        if (tracker.inRun()) {
            tracker.finish(tracker.lastTime() + 1 / fs, out);
        }
    }

    /** Number of samples seen. */
    public long sampleCount() {
        return samples;
    }

    /** Length of {@link #saveState()}. */
    @Override
    public int stateSize() {
        return broad.stateLength()
                + sigma.stateLength()
                + moments.stateSize()
                + rmsBaseline.stateSize()
                + relBaseline.stateSize()
                + SpindleRunTracker.stateSize()
                + 3;
    }

    /** The complete detector state (filters, windows, baselines, run), for checkpoints. */
    @Override
    public void saveState(double[] a) {
        int off = 0;
        broad.copyStateTo(a, off);
        off += broad.stateLength();
        sigma.copyStateTo(a, off);
        off += sigma.stateLength();
        off = moments.save(a, off);
        off = rmsBaseline.save(a, off);
        off = relBaseline.save(a, off);
        off = tracker.save(a, off);
        a[off++] = samples;
        a[off++] = badHold;
        a[off] = gateOpen ? 1 : 0;
    }

    /** Restores a state from {@link #saveState()} of a detector with the same parameters and rate. */
    @Override
    public void loadState(double[] a) {
        if (a.length != stateSize()) {
            throw new IllegalArgumentException("spindle detector state has length " + a.length + ", expected "
                    + stateSize() + " (parameters or sampling rate changed?)");
        }
        int off = 0;
        broad.setState(a, off);
        off += broad.stateLength();
        sigma.setState(a, off);
        off += sigma.stateLength();
        off = moments.load(a, off);
        off = rmsBaseline.load(a, off);
        off = relBaseline.load(a, off);
        off = tracker.load(a, off);
        samples = (long) a[off++];
        badHold = (int) a[off++];
        gateOpen = a[off] != 0;
    }
}
