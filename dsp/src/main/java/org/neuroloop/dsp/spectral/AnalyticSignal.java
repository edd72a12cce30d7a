package org.neuroloop.dsp.spectral;

/**
 * Analytic signal {@code x_a = x + i H{x}} of a real signal.
 *
 * @param re real part (the signal itself, up to rounding); arrays are not copied
 * @param im imaginary part (the Hilbert transform of the signal)
 */
public record AnalyticSignal(double[] re, double[] im) {
    public AnalyticSignal {
        if (re.length != im.length) {
            throw new IllegalArgumentException(
                    "analytic signal has " + re.length + " real and " + im.length + " imaginary parts");
        }
    }

    public int length() {
        return re.length;
    }

    /** Instantaneous amplitude {@code |x_a(t)|}. */
    public double[] envelope() {
        double[] out = new double[re.length];
        for (int t = 0; t < out.length; t++) {
            out[t] = Math.hypot(re[t], im[t]);
        }
        return out;
    }

    /** Instantaneous phase {@code atan2(im, re)} in (-pi, pi], as {@code numpy.angle}. */
    public double[] phase() {
        double[] out = new double[re.length];
        for (int t = 0; t < out.length; t++) {
            out[t] = Math.atan2(im[t], re[t]);
        }
        return out;
    }
}
