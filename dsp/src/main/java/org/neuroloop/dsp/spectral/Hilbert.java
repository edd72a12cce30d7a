package org.neuroloop.dsp.spectral;

import java.util.Arrays;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Whole-array (non-causal) analytic signal through the FFT, equal to {@code scipy.signal.hilbert(x)}:
 * {@code x_a = ifft(fft(x) h)} with {@code h_0 = 1}, {@code h_k = 2} for positive frequencies, {@code h_{n/2} = 1}
 * for even {@code n}, 0 for negative frequencies (Marple 1999, IEEE Trans. Signal Process. 47(9):2600–2603).
 * For offline analysis and golden checks; a causal phase estimate for closed loop belongs to the detectors.
 */
public final class Hilbert {

    private final int n;
    private final DoubleFFT_1D fft;
    private final double[] work;

    /**
     * A reusable transform for signals of length {@code n}: the FFT plan and the work buffer are made once, so
     * {@link #analytic(double[], double[], double[])} allocates nothing (for sliding windows). Not thread-safe.
     */
    public Hilbert(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Hilbert transform length must be >= 1, got " + n);
        }
        this.n = n;
        this.fft = new DoubleFFT_1D(n);
        this.work = new double[2 * n];
    }

    /**
     * One-off analytic signal of {@code x} (plans a transform of {@code x.length}).
     *
     * @throws IllegalArgumentException on empty input or NaN/Inf
     */
    public static AnalyticSignal analytic(double[] x) {
        if (x.length == 0) {
            throw new IllegalArgumentException("Hilbert transform of an empty signal");
        }
        double[] re = new double[x.length];
        double[] im = new double[x.length];
        new Hilbert(x.length).analytic(x, re, im);
        return new AnalyticSignal(re, im);
    }

    public int length() {
        return n;
    }

    /**
     * Analytic signal of {@code x} (length {@link #length()}) into {@code re} and {@code im}.
     *
     * @throws IllegalArgumentException on a length mismatch or NaN/Inf input
     */
    public void analytic(double[] x, double[] re, double[] im) {
        if (x.length != n || re.length < n || im.length < n) {
            throw new IllegalArgumentException("Hilbert transform of length " + n + " got input " + x.length
                    + ", outputs " + re.length + "/" + im.length);
        }
        for (int t = 0; t < n; t++) {
            if (!Double.isFinite(x[t])) {
                throw new IllegalArgumentException(
                        "Hilbert transform input has a non-finite value " + x[t] + " at sample " + t);
            }
        }
        double[] a = work;
        System.arraycopy(x, 0, a, 0, n);
        Arrays.fill(a, n, 2 * n, 0.0);
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
        for (int t = 0; t < n; t++) {
            re[t] = a[2 * t];
            im[t] = a[2 * t + 1];
        }
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
