package org.neuroloop.classifiers.sleep;

/**
 * Hysteresis state machine shared by the online and offline detectors. A run is a maximal stretch of samples that
 * meet the continuation condition; it becomes a spindle when the start condition holds for {@code fireSamples}
 * consecutive samples inside it, and the decision (the fire) is taken at the last of those samples. When the run ends
 * the spindle is reported with its onset/offset (shifted by the configured lags), peak, frequency and amplitude.
 * Runs that never fired are dropped silently.
 */
final class SpindleRunTracker {
    private final int fireSamples;
    private final double onsetLag;
    private final double offsetLag;
    private final double minDuration;
    private final double maxDuration;

    private boolean inRun;
    private boolean fired;
    private int startRun; // consecutive samples meeting the start condition
    private double runStart;
    private double firedAt;
    private double score;
    private double peakAbs;
    private double peakTime;
    private double lastSigma;
    private int crossings;
    private double lastTime;

    SpindleRunTracker(int fireSamples, SpindleParameters p) {
        this.fireSamples = Math.max(1, fireSamples);
        this.onsetLag = p.onsetLagSeconds();
        this.offsetLag = p.offsetLagSeconds();
        this.minDuration = p.minDurationSeconds();
        this.maxDuration = p.maxDurationSeconds();
    }

    /**
     * @param t sample time
     * @param start start condition (implies keep)
     * @param keep continuation condition
     * @param sigma sigma-band sample (for peak, frequency, amplitude)
     * @param z score reported with the fire
     */
    void step(double t, boolean start, boolean keep, double sigma, double z, SpindleListener out) {
        if (!keep) {
            if (inRun) {
                finish(t, out);
            }
            return;
        }
        if (!inRun) {
            inRun = true;
            fired = false;
            startRun = 0;
            runStart = t;
            peakAbs = -1;
            crossings = 0;
            lastSigma = sigma;
        }
        startRun = start ? startRun + 1 : 0;
        if (!fired && startRun >= fireSamples) {
            fired = true;
            firedAt = t;
            score = z;
            out.onFire(t, runStart - onsetLag, z);
        }
        if (Math.abs(sigma) > peakAbs) {
            peakAbs = Math.abs(sigma);
            peakTime = t;
        }
        if ((sigma >= 0) != (lastSigma >= 0)) {
            crossings++;
        }
        lastSigma = sigma;
        lastTime = t;
    }

    /** Ends a run at {@code t} (the time of the first sample after it). */
    void finish(double t, SpindleListener out) {
        if (inRun && fired) {
            double onset = runStart - onsetLag;
            double offset = t - offsetLag;
            double runLength = Math.max(t - runStart, 1e-9);
            double duration = offset - onset;
            boolean ok = duration >= minDuration && duration <= maxDuration;
            out.onSpindle(new Spindle(
                    firedAt, onset, offset, peakTime - onsetLag, crossings / (2 * runLength), peakAbs, score, ok));
        }
        inRun = false;
        fired = false;
    }

    boolean inRun() {
        return inRun;
    }

    double lastTime() {
        return lastTime;
    }

    static int stateSize() {
        return 11;
    }

    int save(double[] a, int off) {
        a[off++] = inRun ? 1 : 0;
        a[off++] = fired ? 1 : 0;
        a[off++] = startRun;
        a[off++] = runStart;
        a[off++] = firedAt;
        a[off++] = score;
        a[off++] = peakAbs;
        a[off++] = peakTime;
        a[off++] = lastSigma;
        a[off++] = crossings;
        a[off++] = lastTime;
        return off;
    }

    int load(double[] a, int off) {
        inRun = a[off++] != 0;
        fired = a[off++] != 0;
        startRun = (int) a[off++];
        runStart = a[off++];
        firedAt = a[off++];
        score = a[off++];
        peakAbs = a[off++];
        peakTime = a[off++];
        lastSigma = a[off++];
        crossings = (int) a[off++];
        lastTime = a[off++];
        return off;
    }
}
