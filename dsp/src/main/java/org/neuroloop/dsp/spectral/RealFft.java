package org.neuroloop.dsp.spectral;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Real-input FFT of a fixed length {@code n} through JTransforms, returning numpy's {@code rfft} bins
 * {@code X_k = sum_t x_t exp(-2 pi i k t / n)}, {@code k = 0 .. n/2}.
 *
 * <p>The JTransforms plan is made once per length; an instance reuses its work buffer, so it is not
 * thread-safe (one per operator/thread).
 */
public final class RealFft {

    private final int n;
    private final DoubleFFT_1D fft;
    private final double[] work;

    public RealFft(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("FFT length must be >= 1, got " + n);
        }
        this.n = n;
        this.fft = new DoubleFFT_1D(n);
        this.work = new double[n];
    }

    /** Convenience: {@code numpy.fft.rfft(x)}. */
    public static ComplexSpectrum rfft(double[] x) {
        return new RealFft(x.length).forward(x);
    }

    public int length() {
        return n;
    }

    /** Number of one-sided bins, {@code n/2 + 1}. */
    public int bins() {
        return n / 2 + 1;
    }

    /** {@code rfft(x)} into new arrays. */
    public ComplexSpectrum forward(double[] x) {
        double[] re = new double[bins()];
        double[] im = new double[bins()];
        forward(x, 0, re, im);
        return new ComplexSpectrum(re, im);
    }

    /**
     * {@code rfft(x[offset .. offset+n))} into {@code re}, {@code im} (length at least {@link #bins()}) without
     * allocating.
     */
    public void forward(double[] x, int offset, double[] re, double[] im) {
        if (offset < 0 || offset + n > x.length) {
            throw new IllegalArgumentException(
                    "FFT of length " + n + " at offset " + offset + " runs past the input of length " + x.length);
        }
        System.arraycopy(x, offset, work, 0, n);
        fft.realForward(work);
        unpack(work, re, im);
    }

    /** Same, with the input multiplied by a window first (used by Welch: segment x window). */
    void forwardWindowed(double[] segment, double[] window, double[] re, double[] im) {
        for (int t = 0; t < n; t++) {
            work[t] = segment[t] * window[t];
        }
        fft.realForward(work);
        unpack(work, re, im);
    }

    /** JTransforms' packed real-FFT layout to separate re/im bins. */
    private void unpack(double[] a, double[] re, double[] im) {
        re[0] = a[0];
        im[0] = 0;
        if (n % 2 == 0) {
            int half = n / 2;
            for (int k = 1; k < half; k++) {
                re[k] = a[2 * k];
                im[k] = a[2 * k + 1];
            }
            if (n > 1) {
                re[half] = a[1];
                im[half] = 0;
            }
        } else {
            int last = (n - 1) / 2;
            for (int k = 1; k < last; k++) {
                re[k] = a[2 * k];
                im[k] = a[2 * k + 1];
            }
            if (last >= 1) {
                re[last] = a[2 * last];
                im[last] = a[1];
            }
        }
    }
}
