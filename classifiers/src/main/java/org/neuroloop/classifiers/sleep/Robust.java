package org.neuroloop.classifiers.sleep;

import java.util.Arrays;

/** Median and median absolute deviation, the robust location/scale used by the adaptive thresholds. */
public final class Robust {
    /** Scale that makes the MAD a consistent estimator of the standard deviation for Gaussian data, 1/Φ⁻¹(3/4). */
    public static final double MAD_TO_SD = 1.4826;

    private Robust() {}

    /** Median of {@code v} (mean of the two middle values for even length); NaN for an empty array. */
    public static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        return sortedMedian(s, s.length);
    }

    /** Median of the first {@code n} values of an already sorted array. */
    static double sortedMedian(double[] sorted, int n) {
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    /**
     * Median and scaled MAD ({@code 1.4826 * median(|v - median(v)|)}) of {@code values[0..n)}, using {@code scratch}
     * (length >= n) so nothing is allocated.
     *
     * @param out receives {median, mad}
     */
    static void medianAndMad(double[] values, int n, double[] scratch, double[] out) {
        System.arraycopy(values, 0, scratch, 0, n);
        Arrays.sort(scratch, 0, n);
        double med = sortedMedian(scratch, n);
        for (int i = 0; i < n; i++) {
            scratch[i] = Math.abs(values[i] - med);
        }
        Arrays.sort(scratch, 0, n);
        out[0] = med;
        out[1] = MAD_TO_SD * sortedMedian(scratch, n);
    }
}
