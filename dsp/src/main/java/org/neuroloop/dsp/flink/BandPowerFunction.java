package org.neuroloop.dsp.flink;

import java.util.Arrays;
import org.apache.flink.util.Collector;
import org.neuroloop.dsp.record.FeatureVector;
import org.neuroloop.dsp.spectral.BandPower;
import org.neuroloop.dsp.spectral.PowerSpectrum;
import org.neuroloop.dsp.spectral.Welch;

/**
 * Sliding-window Welch band power per channel and band ({@link Welch}, Hann, half overlap, segments of
 * {@code segmentSeconds}); emits {@code FeatureVector(kind = "bandpower")} with
 * {@code values[c * bands + b]} = power of channel {@code c} in band {@code b} (unit²), or, when
 * {@code relative}, that power divided by the power between the lowest and the highest band edge.
 */
public final class BandPowerFunction extends SlidingWindowFunction {
    private static final long serialVersionUID = 1L;

    private final double[][] bands;
    private final double segmentSeconds;
    private final boolean relative;

    private transient Welch welch;
    private transient double totalLow;
    private transient double totalHigh;

    /**
     * @param bands {@code [low, high]} Hz per band
     * @param segmentSeconds Welch segment length (≤ window)
     */
    public BandPowerFunction(
            double windowSeconds, double stepSeconds, double segmentSeconds, double[][] bands, boolean relative) {
        super("bandpowerWindow", windowSeconds, stepSeconds);
        if (bands.length == 0) {
            throw new IllegalArgumentException("band power needs at least one band");
        }
        if (!(segmentSeconds > 0) || segmentSeconds > windowSeconds) {
            throw new IllegalArgumentException(
                    "band power: segment " + segmentSeconds + " s must be in (0, window " + windowSeconds + " s]");
        }
        this.bands = Arrays.stream(bands).map(double[]::clone).toArray(double[][]::new);
        this.segmentSeconds = segmentSeconds;
        this.relative = relative;
    }

    @Override
    protected void evaluate(
            String sessionId,
            double timestamp,
            double[] window,
            int channels,
            double rate,
            int flags,
            WindowState state,
            Collector<FeatureVector> out) {
        int n = window.length / channels;
        int nperseg = Math.min(n, Math.max(2, (int) Math.round(segmentSeconds * rate)));
        if (welch == null || welch.fs() != rate || welch.nperseg() != nperseg) {
            welch = new Welch(rate, nperseg);
            totalLow = Arrays.stream(bands).mapToDouble(b -> b[0]).min().orElseThrow();
            totalHigh = Arrays.stream(bands).mapToDouble(b -> b[1]).max().orElseThrow();
        }
        double[] values = new double[channels * bands.length];
        for (int c = 0; c < channels; c++) {
            PowerSpectrum psd = welch.estimate(window, channels, c);
            double total = relative ? BandPower.absolute(psd, totalLow, totalHigh) : 1.0;
            for (int b = 0; b < bands.length; b++) {
                values[c * bands.length + b] = BandPower.absolute(psd, bands[b][0], bands[b][1]) / total;
            }
        }
        out.collect(new FeatureVector(sessionId, "bandpower", timestamp, values, flags));
    }
}
