package org.neuroloop.classifiers.deep.spindles;

import org.neuroloop.dsp.filter.Butterworth;
import org.neuroloop.dsp.filter.SosFilter;

/**
 * Causal, sample-by-sample preparation of one EEG channel for the spindle network: two Butterworth band-passes
 * at the input rate (broadband {@value SpindleNetConfig#LOW_HZ}–{@value SpindleNetConfig#HIGH_HZ} Hz and sigma
 * {@value SpindleNetConfig#SIGMA_LOW_HZ}–{@value SpindleNetConfig#SIGMA_HIGH_HZ} Hz, order 2), decimation to the
 * network rate, division of both by the broadband running RMS (cumulative mean of squares for the first
 * {@value SpindleNetConfig#RMS_SECONDS} s, then an exponential average with that time constant, so sigma keeps its
 * size relative to the background), and a ring buffer of the last window of both. Allocation-free after construction;
 * the same object serves offline replay and the
 * streaming operator, so both see the same numbers.
 */
public final class SpindleNetFrontEnd {

    private final SpindleNetConfig cfg;
    private final SosFilter filter;
    private final SosFilter sigma;
    private final double[] sigmaOne = new double[1];
    private final float[] sigmaRing;
    private final int factor;
    private final double[] one = new double[1];
    private final float[] ring;
    private final double rmsSamples;
    private final double[] filterState;
    private final double[] sigmaState;
    private long inputCount;
    private long netCount;
    private double meanSquare;

    public SpindleNetFrontEnd(SpindleNetConfig cfg, double fs) {
        double ratio = fs / cfg.rateHz();
        factor = (int) Math.round(ratio);
        if (factor < 1 || Math.abs(ratio - factor) > 1e-9) {
            throw new IllegalArgumentException("spindle net: input rate " + fs
                    + " Hz is not an integer multiple of the network rate "
                    + cfg.rateHz() + " Hz");
        }
        this.cfg = cfg;
        filter = SosFilter.zeroState(Butterworth.bandpass(2, SpindleNetConfig.LOW_HZ, SpindleNetConfig.HIGH_HZ, fs), 1);
        sigma = SosFilter.zeroState(
                Butterworth.bandpass(2, SpindleNetConfig.SIGMA_LOW_HZ, SpindleNetConfig.SIGMA_HIGH_HZ, fs), 1);
        ring = new float[cfg.windowSamples()];
        sigmaRing = new float[cfg.windowSamples()];
        rmsSamples = SpindleNetConfig.RMS_SECONDS * cfg.rateHz();
        filterState = new double[filter.stateLength()];
        sigmaState = new double[sigma.stateLength()];
    }

    /**
     * Takes one input sample; returns true when a decision is due (window full, on the hop grid), after which
     * {@link #window(float[], int)} gives the network input ending at this sample.
     */
    public boolean push(double x) {
        one[0] = Double.isFinite(x) ? x : 0;
        sigmaOne[0] = one[0];
        filter.processInPlace(one);
        sigma.processInPlace(sigmaOne);
        if (inputCount++ % factor != 0) {
            return false;
        }
        double y = one[0];
        netCount++;
        double w = netCount < rmsSamples ? 1.0 / netCount : 1.0 / rmsSamples;
        meanSquare += w * (y * y - meanSquare);
        double scale = 1 / Math.sqrt(meanSquare + 1e-12);
        int k = (int) ((netCount - 1) % ring.length);
        ring[k] = (float) (y * scale);
        sigmaRing[k] = (float) (sigmaOne[0] * scale);
        return netCount >= ring.length && (netCount - ring.length) % cfg.hopSamples() == 0;
    }

    /** The last window {@code [channel][time]} (broadband, sigma), oldest first, into {@code out} at {@code offset}. */
    public void window(float[] out, int offset) {
        copy(ring, out, offset);
        copy(sigmaRing, out, offset + ring.length);
    }

    private void copy(float[] r, float[] out, int offset) {
        int n = r.length;
        int start = (int) (netCount % n);
        int first = n - start;
        System.arraycopy(r, start, out, offset, first);
        System.arraycopy(r, 0, out, offset + first, start);
    }

    /** Length of {@link #saveState(double[], int)}'s part of the state. */
    public int stateSize() {
        return 3 + filterState.length + sigmaState.length + 2 * ring.length;
    }

    /**
     * Everything that carries from one sample to the next, written into {@code out} from {@code offset} (Flink keyed
     * state): {@code [inputCount, netCount, meanSquare, filter state..., sigma state..., ring..., sigma ring...]}.
     * Allocates nothing.
     */
    public void saveState(double[] out, int offset) {
        out[offset] = inputCount;
        out[offset + 1] = netCount;
        out[offset + 2] = meanSquare;
        filter.copyStateTo(filterState);
        sigma.copyStateTo(sigmaState);
        System.arraycopy(filterState, 0, out, offset + 3, filterState.length);
        System.arraycopy(sigmaState, 0, out, offset + 3 + filterState.length, sigmaState.length);
        int k = offset + 3 + filterState.length + sigmaState.length;
        for (int i = 0; i < ring.length; i++) {
            out[k + i] = ring[i];
            out[k + ring.length + i] = sigmaRing[i];
        }
    }

    /** Restores {@link #saveState} of a front end with the same configuration and rate. Allocates nothing. */
    public void loadState(double[] st, int offset) {
        if (st.length < offset + stateSize()) {
            throw new IllegalArgumentException(
                    "spindle net front end: state of " + (st.length - offset) + " values, expected " + stateSize());
        }
        inputCount = (long) st[offset];
        netCount = (long) st[offset + 1];
        meanSquare = st[offset + 2];
        System.arraycopy(st, offset + 3, filterState, 0, filterState.length);
        System.arraycopy(st, offset + 3 + filterState.length, sigmaState, 0, sigmaState.length);
        filter.setState(filterState);
        sigma.setState(sigmaState);
        int k = offset + 3 + filterState.length + sigmaState.length;
        for (int i = 0; i < ring.length; i++) {
            ring[i] = (float) st[k + i];
            sigmaRing[i] = (float) st[k + ring.length + i];
        }
    }

    /** Input samples taken so far. */
    public long inputCount() {
        return inputCount;
    }
}
