package org.neuroloop.dsp.spectral;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Whole-array (non-causal) analytic signal through the FFT, equal to {@code scipy.signal.hilbert(x)}:
 * {@code x_a = ifft(fft(x) h)} with {@code h_0 = 1}, {@code h_k = 2} for positive frequencies, {@code h_{n/2} = 1}
 * for even {@code n}, 0 for negative frequencies (Marple 1999, IEEE Trans. Signal Process. 47(9):2600–2603).
 * For offline analysis and golden checks; a causal phase estimate for closed loop belongs to the detectors.
 */
public final class Hilbert {

    private Hilbert() {
    }

    /**
     * @throws IllegalArgumentException on empty input or NaN/Inf
     */
    public static AnalyticSignal analytic(double[] x) {
        int n = x.length;
        if (n == 0) {
            throw new IllegalArgumentException("Hilbert transform of an empty signal");
        }
        for (int t = 0; t < n; t++) {
            if (!Double.isFinite(x[t])) {
                throw new IllegalArgumentException("Hilbert transform input has a non-finite value " + x[t] + " at sample " + t);
            }
        }
        DoubleFFT_1D fft = new DoubleFFT_1D(n);
        double[] a = new double[2 * n];
        System.arraycopy(x, 0, a, 0, n);
        fft.realForwardFull(a); // full complex spectrum, interleaved re/im
        int positiveEnd = n % 2 == 0 ? n / 2 : (n + 1) / 2; // bins 1 .. positiveEnd-1 are doubled
        for (int k = 1; k < positiveEnd; k++) {
            a[2 * k] *= 2;
            a[2 * k + 1] *= 2;
        }
        int negativeStart = n % 2 == 0 ? n / 2 + 1 : (n + 1) / 2;
        for (int k = negativeStart; k < n; k++) {
            a[2 * k] = 0;
            a[2 * k + 1] = 0;
        }
        fft.complexInverse(a, true);
        double[] re = new double[n];
        double[] im = new double[n];
        for (int t = 0; t < n; t++) {
            re[t] = a[2 * t];
            im[t] = a[2 * t + 1];
        }
        return new AnalyticSignal(re, im);
    }

    /** Instantaneous amplitude, {@code abs(hilbert(x))}. */
    public static double[] envelope(double[] x) {
        return analytic(x).envelope();
    }

    /** Instantaneous phase in radians, {@code angle(hilbert(x))}. */
    public static double[] phase(double[] x) {
        return analytic(x).phase();
    }
}
