package org.neuroloop.classifiers.sleep;

import org.neuroloop.classifiers.detect.SavedState;

/**
 * Causal online sleep-spindle detector for one channel: every decision at time t uses only samples up to t.
 *
 * <p>Per sample x ({@link SpindleFeatures}): broadband b = Butterworth band-pass (1–30 Hz) of x, sigma s = band-pass
 * (11–16 Hz) of b, both
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
    private final SpindleFeatures features;
    private final SpindleRunTracker tracker;
    private final int window;
    private long samples;
    private int badHold;
    private boolean gateOpen = true;

    public SpindleDetector(SpindleParameters p, double fs) {
        this.features = new SpindleFeatures(p, fs);
        this.p = p;
        this.fs = fs;
        this.window = SpindleFeatures.windowSamples(p, fs);
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
        features.step(bad ? 0 : value);
        double s = features.sigma();
        double z = features.zRms();
        double zr = features.zRelative();
        double corr = features.correlation();
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
        return features.stateSize() + SpindleRunTracker.stateSize() + 3;
    }

    /** The complete detector state (filters, windows, baselines, run), for checkpoints. */
    @Override
    public void saveState(double[] a) {
        int off = features.save(a, 0);
        off = tracker.save(a, off);
        a[off++] = samples;
        a[off++] = badHold;
        a[off] = gateOpen ? 1 : 0;
    }

    /** Restores a state from {@link #saveState()} of a detector with the same parameters and rate. */
    @Override
    public void loadState(double[] a) {
        load(a, false);
    }

    /** As {@link #loadState}, with the feature window worked on in place in {@code a} ({@link SavedState}). */
    @Override
    public void attachState(double[] a) {
        load(a, true);
    }

    private void load(double[] a, boolean inPlace) {
        if (a.length != stateSize()) {
            throw new IllegalArgumentException("spindle detector state has length " + a.length + ", expected "
                    + stateSize() + " (parameters or sampling rate changed?)");
        }
        int off = inPlace ? features.attach(a, 0) : features.load(a, 0);
        off = tracker.load(a, off);
        samples = (long) a[off++];
        badHold = (int) a[off++];
        gateOpen = a[off] != 0;
    }
}
