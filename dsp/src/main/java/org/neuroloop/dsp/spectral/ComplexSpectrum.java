package org.neuroloop.dsp.spectral;

/**
 * One-sided spectrum of a real signal, {@code numpy.fft.rfft} layout: bin {@code k} is frequency
 * {@code k fs / n}, {@code k = 0 .. n/2}.
 *
 * @param re real parts, length {@code n/2 + 1} (arrays are not copied)
 * @param im imaginary parts, same length
 */
public record ComplexSpectrum(double[] re, double[] im) {
    public ComplexSpectrum {
        if (re.length != im.length) {
            throw new IllegalArgumentException(
                    "spectrum has " + re.length + " real and " + im.length + " imaginary parts");
        }
    }

    public int bins() {
        return re.length;
    }

    /** {@code |X_k|}. */
    public double magnitude(int k) {
        return Math.hypot(re[k], im[k]);
    }
}
