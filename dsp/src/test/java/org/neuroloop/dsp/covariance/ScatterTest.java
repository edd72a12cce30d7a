package org.neuroloop.dsp.covariance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Both {@link Scatter} kernels against the textbook loops, on every tile edge and sample tail. */
class ScatterTest {

    private static final int[] CHANNELS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 22, 23, 64};
    private static final int[] SAMPLES = {1, 3, 7, 8, 9, 15, 16, 17, 500, 501};

    @Test
    void testJvmRunsTheSimdKernel() {
        // The surefire argLine adds jdk.incubator.vector, as the launcher does; without it the scalar kernel runs.
        assertInstanceOf(VectorScatter.class, Scatter.kernel());
    }

    @Test
    void scalarKernelMatchesTheDefinition() {
        check(new ScalarScatter());
    }

    @Test
    void simdKernelMatchesTheDefinition() {
        check(new VectorScatter());
    }

    @Test
    void bothKernelsSumLikeTheDefinition() {
        Random r = new Random(5);
        for (Scatter.Kernel kernel : new Scatter.Kernel[] {new ScalarScatter(), new VectorScatter()}) {
            for (int n : new int[] {1, 3, 7, 8, 9, 31, 32, 33, 63, 500, 501}) {
                int from = 1 + r.nextInt(5);
                double[] v = new double[from + n + 3];
                for (int k = 0; k < v.length; k++) {
                    v[k] = r.nextGaussian() * 100 + 1e4;
                }
                double expected = 0;
                for (int t = 0; t < n; t++) {
                    expected += v[from + t];
                }
                String what = kernel.getClass().getSimpleName() + " n=" + n + " from=" + from;
                assertEquals(expected, kernel.sum(v, from, n), 1e-13 * n * 1e4, what);
            }
        }
    }

    private static void check(Scatter.Kernel kernel) {
        Random r = new Random(3);
        for (int p : CHANNELS) {
            for (int n : SAMPLES) {
                double[] x = new double[p * n];
                for (int k = 0; k < x.length; k++) {
                    x[k] = r.nextGaussian() * (1 + k % 5);
                }
                double[] out = new double[p * p];
                kernel.upper(x, p, n, out);
                for (int a = 0; a < p; a++) {
                    for (int b = a; b < p; b++) {
                        double expected = 0;
                        double scale = 0;
                        for (int t = 0; t < n; t++) {
                            expected += x[a * n + t] * x[b * n + t];
                            scale += Math.abs(x[a * n + t] * x[b * n + t]);
                        }
                        assertEquals(
                                expected,
                                out[a * p + b],
                                1e-14 * scale + 1e-300,
                                kernel.getClass().getSimpleName() + " p=" + p + " n=" + n + " (" + a + "," + b + ")");
                    }
                }
            }
        }
    }
}
