package org.neuroloop.classifiers.deep.simpleconv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class EuclideanAlignmentTest {

    /** Epochs of a random mixing of white noise: correlated channels with unequal scales. */
    static double[][][] mixed(int n, int c, int t, long seed) {
        Random r = new Random(seed);
        double[][] a = new double[c][c];
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                a[i][j] = r.nextGaussian() + (i == j ? 3 : 0);
            }
        }
        double[][][] x = new double[n][c][t];
        for (int e = 0; e < n; e++) {
            double[][] z = new double[c][t];
            for (double[] row : z) {
                for (int k = 0; k < t; k++) {
                    row[k] = r.nextGaussian() * 20;
                }
            }
            for (int i = 0; i < c; i++) {
                for (int j = 0; j < c; j++) {
                    for (int k = 0; k < t; k++) {
                        x[e][i][k] += a[i][j] * z[j][k];
                    }
                }
            }
        }
        return x;
    }

    @Test
    void alignedEpochsHaveIdentityMeanCovariance() {
        double[][][] x = mixed(30, 6, 200, 1);
        double[][][] y = EuclideanAlignment.fit(x).applyAll(x);
        double[][] mean = new double[6][6];
        for (double[][] e : y) {
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < 6; j++) {
                    double s = 0;
                    for (int k = 0; k < 200; k++) {
                        s += e[i][k] * e[j][k];
                    }
                    mean[i][j] += s / 200 / y.length;
                }
            }
        }
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                assertEquals(i == j ? 1.0 : 0.0, mean[i][j], 1e-4, "mean covariance [" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void whitenerRoundTripsAndChecksChannels() {
        double[][][] x = mixed(5, 4, 50, 2);
        EuclideanAlignment a = EuclideanAlignment.fit(x);
        EuclideanAlignment b = EuclideanAlignment.ofWhitener(a.whitener());
        assertArrayEquals(a.apply(x[0])[2], b.apply(x[0])[2], 0);
        assertThrows(IllegalArgumentException.class, () -> a.apply(new double[3][50]));
        assertThrows(IllegalArgumentException.class, () -> EuclideanAlignment.ofWhitener(new double[5]));
    }
}
