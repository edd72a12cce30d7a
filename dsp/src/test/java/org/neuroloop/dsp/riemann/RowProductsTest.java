package org.neuroloop.dsp.riemann;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** {@link RowProducts} against the textbook triple loop, for every size up to 64 (odd sizes take the edge paths). */
class RowProductsTest {

    @Property(tries = 80)
    void productOfRowsMatchesTheTripleLoop(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 64) int n,
            @ForAll boolean lowerA,
            @ForAll boolean upper) {
        Random r = new Random(seed);
        double[] a = gaussian(r, n * n);
        double[] b = gaussian(r, n * n);
        double[] out = new double[n * n];
        Arrays.fill(out, Double.NaN);
        RowProducts.abt(a, b, out, n, lowerA, upper);
        for (int i = 0; i < n; i++) {
            for (int j = upper ? i : 0; j < n; j++) {
                double expected = 0;
                int len = lowerA ? i + 1 : n;
                for (int k = 0; k < len; k++) {
                    expected += a[i * n + k] * b[j * n + k];
                }
                assertEquals(expected, out[i * n + j], 1e-13 * n, "(" + i + ", " + j + ")");
            }
        }
    }

    @Property(tries = 40)
    void dotOfPartialSumsMatchesTheRunningSum(@ForAll long seed, @ForAll @IntRange(min = 0, max = 70) int len) {
        Random r = new Random(seed);
        double[] a = gaussian(r, len + 3);
        double[] b = gaussian(r, len + 5);
        double expected = 0;
        for (int k = 0; k < len; k++) {
            expected += a[3 + k] * b[5 + k];
        }
        assertEquals(expected, RowProducts.dot(a, 3, b, 5, len), 1e-13 * Math.max(1, len));
    }

    private static double[] gaussian(Random r, int size) {
        double[] x = new double[size];
        for (int k = 0; k < size; k++) {
            x[k] = r.nextGaussian();
        }
        return x;
    }
}
