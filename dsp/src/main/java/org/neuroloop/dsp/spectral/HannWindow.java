package org.neuroloop.dsp.spectral;

/** Hann window, as {@code scipy.signal.get_window('hann', n)}. */
public final class HannWindow {

    private HannWindow() {}

    /**
     * Periodic ("DFT-even") Hann window for spectral analysis, {@code w[t] = 0.5 - 0.5 cos(2 pi t / n)},
     * scipy's default {@code get_window('hann', n, fftbins=True)}.
     */
    public static double[] periodic(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("window length must be >= 1, got " + n);
        }
        double[] w = new double[n];
        for (int t = 0; t < n; t++) {
            w[t] = 0.5 - 0.5 * Math.cos(2 * Math.PI * t / n);
        }
        return w;
    }

    /** Symmetric Hann window for filter design, {@code w[t] = 0.5 - 0.5 cos(2 pi t / (n - 1))}. */
    public static double[] symmetric(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("window length must be >= 1, got " + n);
        }
        if (n == 1) {
            return new double[] {1.0};
        }
        double[] w = new double[n];
        for (int t = 0; t < n; t++) {
            w[t] = 0.5 - 0.5 * Math.cos(2 * Math.PI * t / (n - 1));
        }
        return w;
    }
}
