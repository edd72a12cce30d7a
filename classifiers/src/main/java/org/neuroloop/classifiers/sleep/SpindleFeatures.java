package org.neuroloop.classifiers.sleep;

import org.neuroloop.dsp.filter.Butterworth;
import org.neuroloop.dsp.filter.IirFilter;
import org.neuroloop.dsp.filter.SosFilter;

/**
 * The causal features of the sigma-band spindle detector for one channel, sample by sample: broadband b =
 * Butterworth band-pass of x, sigma s = band-pass of b, over a trailing boxcar the log sigma RMS and the log relative
 * sigma power as robust z-scores against a running one-second-block median/MAD baseline
 * ({@link RunningRobustBaseline}), and the sigma–broadband correlation. {@link SpindleDetector} thresholds them;
 * the spindle network can take them as extra inputs. Allocation-free after construction, state included.
 */
public final class SpindleFeatures {
    private final SosFilter broad;
    private final SosFilter sigma;
    private final SlidingMoments moments;
    private final RunningRobustBaseline rmsBaseline;
    private final RunningRobustBaseline relBaseline;
    private final double[] one = new double[1];
    private double sigmaValue;
    private double z;
    private double zRel;
    private double corr;

    public SpindleFeatures(SpindleParameters p, double fs) {
        p.checkRate(fs);
        IirFilter bb = Butterworth.bandpass(p.filterOrder(), p.broadLowHz(), p.broadHighAt(fs), fs);
        IirFilter sg = Butterworth.bandpass(p.filterOrder(), p.sigmaLowHz(), p.sigmaHighHz(), fs);
        broad = SosFilter.zeroState(bb, 1);
        sigma = SosFilter.zeroState(sg, 1);
        moments = new SlidingMoments(windowSamples(p, fs));
        int block = Math.max(1, (int) Math.round(fs));
        int span = Math.max(1, (int) Math.round(p.baselineSeconds()));
        int minBlocks = Math.max(1, Math.min(span, (int) Math.round(p.warmupSeconds())));
        rmsBaseline = new RunningRobustBaseline(block, span, minBlocks);
        relBaseline = new RunningRobustBaseline(block, span, minBlocks);
    }

    /** Samples of the boxcar window. */
    static int windowSamples(SpindleParameters p, double fs) {
        return Math.max(1, (int) Math.round(p.windowSeconds() * fs));
    }

    /** Takes one finite sample; the features then describe the window ending at it. */
    public void step(double value) {
        one[0] = value;
        broad.processInPlace(one);
        double b = one[0];
        sigma.processInPlace(one);
        sigmaValue = one[0];
        moments.add(sigmaValue, b);
        double ps = Math.max(moments.sigmaPower(), 1e-12);
        double pb = Math.max(moments.broadPower(), 1e-12);
        double logRms = 0.5 * Math.log(ps);
        double logRel = Math.log(ps / pb);
        corr = moments.correlation();
        z = rmsBaseline.z(logRms);
        zRel = relBaseline.z(logRel);
        rmsBaseline.add(logRms);
        relBaseline.add(logRel);
    }

    /** The sigma-filtered sample. */
    public double sigma() {
        return sigmaValue;
    }

    /** z-score of the log sigma RMS; NaN while the baseline warms up. */
    public double zRms() {
        return z;
    }

    /** z-score of the log relative sigma power; NaN while the baseline warms up. */
    public double zRelative() {
        return zRel;
    }

    /** Sigma–broadband correlation over the window. */
    public double correlation() {
        return corr;
    }

    public int stateSize() {
        return broad.stateLength()
                + sigma.stateLength()
                + moments.stateSize()
                + rmsBaseline.stateSize()
                + relBaseline.stateSize();
    }

    /** Writes the state into {@code a} from {@code off}; returns the offset after it. Allocates nothing. */
    public int save(double[] a, int off) {
        broad.copyStateTo(a, off);
        off += broad.stateLength();
        sigma.copyStateTo(a, off);
        off += sigma.stateLength();
        off = moments.save(a, off);
        off = rmsBaseline.save(a, off);
        return relBaseline.save(a, off);
    }

    /** Restores {@link #save} of features with the same parameters and rate; returns the offset after it. */
    public int load(double[] a, int off) {
        return load(a, off, false);
    }

    /**
     * As {@link #load}, but the boxcar window's ring (three quarters of the state) is worked on in place in
     * {@code a} until the next load or attach, so a {@link #save} to the same place copies only the rest.
     */
    public int attach(double[] a, int off) {
        return load(a, off, true);
    }

    private int load(double[] a, int off, boolean inPlace) {
        broad.setState(a, off);
        off += broad.stateLength();
        sigma.setState(a, off);
        off += sigma.stateLength();
        off = inPlace ? moments.attach(a, off) : moments.load(a, off);
        off = rmsBaseline.load(a, off);
        return relBaseline.load(a, off);
    }
}
