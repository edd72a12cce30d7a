package org.neuroloop.dsp.flink;

import org.apache.flink.util.Collector;
import org.neuroloop.dsp.record.FeatureVector;
import org.neuroloop.dsp.spectral.AnalyticSignal;
import org.neuroloop.dsp.spectral.Hilbert;

/**
 * Instantaneous phase and envelope at the newest sample of a sliding window, from the FFT analytic signal of
 * the (already band-passed) window ({@link Hilbert}); emits {@code FeatureVector(kind = "phase")} with
 * {@code values[c]} = phase of channel {@code c} in radians (−π, π] and {@code values[channels + c]} = its
 * envelope.
 *
 * <p>The endpoint of a windowed Hilbert transform is biased (edge effect), so this is a monitoring feature; the
 * slow-oscillation detector uses its own causal phase estimate for phase-targeted stimulation.
 */
public final class PhaseFunction extends SlidingWindowFunction {
    private static final long serialVersionUID = 1L;

    private transient double[] channel;

    public PhaseFunction(double windowSeconds, double stepSeconds) {
        super("phaseWindow", windowSeconds, stepSeconds);
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
        if (channel == null || channel.length != n) {
            channel = new double[n];
        }
        double[] values = new double[2 * channels];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < n; i++) {
                channel[i] = window[i * channels + c];
            }
            AnalyticSignal a = Hilbert.analytic(channel);
            double re = a.re()[n - 1];
            double im = a.im()[n - 1];
            values[c] = Math.atan2(im, re);
            values[channels + c] = Math.hypot(re, im);
        }
        out.collect(new FeatureVector(sessionId, "phase", timestamp, values, flags));
    }
}
