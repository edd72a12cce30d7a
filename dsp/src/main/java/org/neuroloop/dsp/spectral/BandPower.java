package org.neuroloop.dsp.spectral;

/**
 * Band power from a PSD: absolute power integrates the density over the band with the trapezoidal rule over
 * the bins {@code lowHz <= f <= highHz} ({@code scipy.integrate.trapezoid(psd[band], f[band])}); relative power
 * divides by the absolute power of a total band (e.g. 0.5–40 Hz), the usual EEG band-power features
 * (e.g. Vallat's YASA {@code bandpower_from_psd}, which uses Simpson's rule instead).
 */
public final class BandPower {

    private BandPower() {}

    /**
     * Absolute power in {@code [lowHz, highHz]} in unit^2.
     *
     * @throws IllegalArgumentException if the band is empty, reversed, outside the spectrum, or spans fewer than two
     * bins
     */
    public static double absolute(PowerSpectrum psd, double lowHz, double highHz) {
        double[] f = psd.frequencies();
        double[] p = psd.density();
        if (f.length < 2) {
            throw new IllegalArgumentException("band power needs a spectrum with at least 2 bins, got " + f.length);
        }
        if (!(lowHz < highHz) || !(lowHz >= 0)) {
            throw new IllegalArgumentException(
                    "band must satisfy 0 <= low < high, got (" + lowHz + ", " + highHz + ") Hz");
        }
        if (lowHz > f[f.length - 1]) {
            throw new IllegalArgumentException("band (" + lowHz + ", " + highHz
                    + ") Hz lies above the spectrum's last bin " + f[f.length - 1] + " Hz");
        }
        int first = -1;
        int last = -1;
        for (int k = 0; k < f.length; k++) {
            if (f[k] >= lowHz && f[k] <= highHz) {
                if (first < 0) {
                    first = k;
                }
                last = k;
            }
        }
        if (first < 0 || last - first < 1) {
            throw new IllegalArgumentException("band (" + lowHz + ", " + highHz
                    + ") Hz covers fewer than 2 bins at resolution " + psd.resolution() + " Hz; use a longer segment");
        }
        double sum = 0;
        for (int k = first; k < last; k++) {
            sum += (f[k + 1] - f[k]) * (p[k] + p[k + 1]) / 2;
        }
        return sum;
    }

    /** Power in {@code [lowHz, highHz]} divided by power in {@code [totalLowHz, totalHighHz]}. */
    public static double relative(
            PowerSpectrum psd, double lowHz, double highHz, double totalLowHz, double totalHighHz) {
        double total = absolute(psd, totalLowHz, totalHighHz);
        if (!(total > 0)) {
            throw new IllegalArgumentException(
                    "total band (" + totalLowHz + ", " + totalHighHz + ") Hz has no power; relative power undefined");
        }
        return absolute(psd, lowHz, highHz) / total;
    }
}
