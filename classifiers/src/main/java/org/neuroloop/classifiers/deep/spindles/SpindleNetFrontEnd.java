package org.neuroloop.classifiers.deep.spindles;

import org.neuroloop.dsp.filter.Butterworth;
import org.neuroloop.dsp.filter.SosFilter;

/**
 * Causal, sample-by-sample preparation of one EEG channel for the spindle network: Butterworth band-pass
 * ({@value SpindleNetConfig#LOW_HZ}–{@value SpindleNetConfig#HIGH_HZ} Hz, order 2) at the input rate, decimation
 * to the network rate, division by a running RMS (cumulative mean of squares for the first
 * {@value SpindleNetConfig#RMS_SECONDS} s, then an exponential average with that time constant), and a ring
 * buffer of the last window. Allocation-free after construction; the same object serves offline replay and the
 * streaming operator, so both see the same numbers.
 */
public final class SpindleNetFrontEnd {

    private final SpindleNetConfig cfg;
    private final SosFilter filter;
    private final int factor;
    private final double[] one = new double[1];
    private final float[] ring;
    private final double rmsSamples;
    private long inputCount;
    private long netCount;
    private double meanSquare;

    public SpindleNetFrontEnd(SpindleNetConfig cfg, double fs) {
        double ratio = fs / cfg.rateHz();
        factor = (int) Math.round(ratio);
        if (factor < 1 || Math.abs(ratio - factor) > 1e-9) {
            throw new IllegalArgumentException("spindle net: input rate " + fs + " Hz is not an integer multiple of the network rate "
                    + cfg.rateHz() + " Hz");
        }
        this.cfg = cfg;
        filter = SosFilter.zeroState(Butterworth.bandpass(2, SpindleNetConfig.LOW_HZ, SpindleNetConfig.HIGH_HZ, fs), 1);
        ring = new float[cfg.windowSamples()];
        rmsSamples = SpindleNetConfig.RMS_SECONDS * cfg.rateHz();
    }

    /**
     * Takes one input sample; returns true when a decision is due (window full, on the hop grid), after which
     * {@link #window(float[], int)} gives the network input ending at this sample.
     */
    public boolean push(double x) {
        one[0] = Double.isFinite(x) ? x : 0;
        filter.processInPlace(one);
        if (inputCount++ % factor != 0) {
            return false;
        }
        double y = one[0];
        netCount++;
        double w = netCount < rmsSamples ? 1.0 / netCount : 1.0 / rmsSamples;
        meanSquare += w * (y * y - meanSquare);
        ring[(int) ((netCount - 1) % ring.length)] = (float) (y / Math.sqrt(meanSquare + 1e-12));
        return netCount >= ring.length && (netCount - ring.length) % cfg.hopSamples() == 0;
    }

    /** The last window, oldest first, into {@code out} at {@code offset}. */
    public void window(float[] out, int offset) {
        int n = ring.length;
        int start = (int) (netCount % n);
        int first = n - start;
        System.arraycopy(ring, start, out, offset, first);
        System.arraycopy(ring, 0, out, offset + first, start);
    }

    /** Input samples taken so far. */
    public long inputCount() {
        return inputCount;
    }
}
