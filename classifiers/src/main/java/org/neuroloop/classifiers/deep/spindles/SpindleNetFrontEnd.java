package org.neuroloop.classifiers.deep.spindles;

import org.neuroloop.classifiers.sleep.SpindleFeatures;
import org.neuroloop.classifiers.sleep.SpindleParameters;
import org.neuroloop.dsp.filter.Butterworth;
import org.neuroloop.dsp.filter.SosFilter;

/**
 * Causal, sample-by-sample preparation of one EEG channel for the spindle network: two Butterworth band-passes
 * at the input rate (broadband {@value SpindleNetConfig#LOW_HZ}–{@value SpindleNetConfig#HIGH_HZ} Hz and sigma
 * {@value SpindleNetConfig#SIGMA_LOW_HZ}–{@value SpindleNetConfig#SIGMA_HIGH_HZ} Hz, order 2), decimation to the
 * network rate, division of both by the broadband running RMS (cumulative mean of squares for the first
 * {@value SpindleNetConfig#RMS_SECONDS} s, then an exponential average with that time constant, so sigma keeps its
 * size relative to the background), and a ring buffer of the last window of both. With
 * {@link SpindleNetConfig#classicInputs()} the classic detector's features ({@link SpindleFeatures}, computed at the
 * input rate, taken at the network rate, limited to ±{@value #FEATURE_LIMIT}, 0 while its baseline warms up) fill
 * three more rings. Allocation-free after construction;
 * the same object serves offline replay and the
 * streaming operator, so both see the same numbers.
 */
public final class SpindleNetFrontEnd {

    /** Bound of the classic features fed to the network (z-scores beyond it carry no more information). */
    static final double FEATURE_LIMIT = 10;

    private final SpindleNetConfig cfg;
    private final SosFilter filter;
    private final SosFilter sigma;
    private final SpindleFeatures features;
    private final double[] sigmaOne = new double[1];
    private final int factor;
    private final double[] one = new double[1];
    /** The last window of each input channel: broadband, sigma, then the classic features. */
    private final float[][] rings;

    private final int window;
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
        features = cfg.classicInputs() ? new SpindleFeatures(SpindleParameters.defaults(), fs) : null;
        window = cfg.windowSamples();
        rings = new float[cfg.channels()][window];
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
        if (features != null) {
            features.step(one[0]);
        }
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
        int k = (int) ((netCount - 1) % window);
        rings[0][k] = (float) (y * scale);
        rings[1][k] = (float) (sigmaOne[0] * scale);
        if (features != null) {
            rings[2][k] = bounded(features.zRms());
            rings[3][k] = bounded(features.zRelative());
            rings[4][k] = bounded(features.correlation());
        }
        return netCount >= window && (netCount - window) % cfg.hopSamples() == 0;
    }

    private static float bounded(double v) {
        return Double.isNaN(v) ? 0f : (float) Math.max(-FEATURE_LIMIT, Math.min(FEATURE_LIMIT, v));
    }

    /** The last window {@code [channel][time]}, oldest first, into {@code out} at {@code offset}. */
    public void window(float[] out, int offset) {
        int start = (int) (netCount % window);
        int first = window - start;
        for (int c = 0; c < rings.length; c++) {
            int o = offset + c * window;
            System.arraycopy(rings[c], start, out, o, first);
            System.arraycopy(rings[c], 0, out, o + first, start);
        }
    }

    /** Length of {@link #saveState(double[], int)}'s part of the state. */
    public int stateSize() {
        return 3
                + filterState.length
                + sigmaState.length
                + rings.length * window
                + (features == null ? 0 : features.stateSize());
    }

    /**
     * Everything that carries from one sample to the next, written into {@code out} from {@code offset} (Flink keyed
     * state): {@code [inputCount, netCount, meanSquare, filter state..., sigma state..., rings..., features...]}.
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
        for (float[] ring : rings) {
            for (int i = 0; i < window; i++) {
                out[k++] = ring[i];
            }
        }
        if (features != null) {
            features.save(out, k);
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
        for (float[] ring : rings) {
            for (int i = 0; i < window; i++) {
                ring[i] = (float) st[k++];
            }
        }
        if (features != null) {
            features.load(st, k);
        }
    }

    /** Input samples taken so far. */
    public long inputCount() {
        return inputCount;
    }
}
