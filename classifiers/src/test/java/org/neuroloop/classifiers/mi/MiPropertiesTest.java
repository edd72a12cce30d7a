package org.neuroloop.classifiers.mi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** Laws the estimators must obey, on random data. */
class MiPropertiesTest {

    static double[][] gaussianRows(Random r, int n, int p, double shift) {
        double[][] x = new double[n][p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x[i][j] = r.nextGaussian() * (1 + j * 0.3) + (i % 2 == 1 ? shift * (j + 1) / p : 0);
            }
        }
        return x;
    }

    static int[] alternating(int n) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
        }
        return y;
    }

    /** First-order optimality: the gradient of ½‖w‖² + C Σ log(1 + e^{−s z}) vanishes at the fitted (w, b). */
    @Property(tries = 30)
    void logisticRegressionGradientVanishes(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 40) int p,
            @ForAll @DoubleRange(min = 0.01, max = 100) double c) {
        Random r = new Random(seed);
        double[][] x = gaussianRows(r, 30, p, 1.0);
        int[] y = alternating(30);
        LogisticRegression lr = new LogisticRegression(c).fit(x, y);
        double[] w = lr.coef();
        double[] g = w.clone();
        double gb = 0;
        for (int i = 0; i < x.length; i++) {
            double s = 1 / (1 + Math.exp(-lr.decisionFunction(x[i])));
            for (int j = 0; j < p; j++) {
                g[j] += c * (s - y[i]) * x[i][j];
            }
            gb += c * (s - y[i]);
        }
        for (double v : g) {
            assertEquals(0, v, 1e-7 * Math.max(1, c * 30));
        }
        assertEquals(0, gb, 1e-7 * Math.max(1, c * 30));
    }

    /** The SVD solver equals the textbook discriminant w = Σ⁻¹(μ₁ − μ₀) with Σ the pooled covariance (n − 2). */
    @Property(tries = 30)
    void ldaSvdEqualsClosedForm(@ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int p) {
        Random r = new Random(seed);
        double[][] x = gaussianRows(r, 40, p, 2.0);
        int[] y = alternating(40);
        LinearDiscriminantAnalysis lda = new LinearDiscriminantAnalysis().fit(x, y);
        double[][] m = Features.classMeans(x, y, 2);
        DMatrixRMaj sigma = new DMatrixRMaj(p, p);
        for (int i = 0; i < x.length; i++) {
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    sigma.add(a, b, (x[i][a] - m[y[i]][a]) * (x[i][b] - m[y[i]][b]) / (x.length - 2));
                }
            }
        }
        DMatrixRMaj d = new DMatrixRMaj(p, 1);
        for (int j = 0; j < p; j++) {
            d.set(j, 0, m[1][j] - m[0][j]);
        }
        DMatrixRMaj w = new DMatrixRMaj(p, 1);
        assertTrue(CommonOps_DDRM.solve(sigma, d, w));
        assertArrayEquals(w.data, lda.coef(), 1e-8);
    }

    /** CSP features do not depend on the data's unit (the filters are normalised by the data's covariance). */
    @Property(tries = 10)
    void cspFeaturesAreScaleInvariant(@ForAll long seed, @ForAll @IntRange(min = -6, max = 6) int exponent) {
        double scale = Math.pow(10, exponent);
        Random r = new Random(seed);
        double[][][] x = new double[12][6][80];
        int[] y = alternating(12);
        for (int i = 0; i < x.length; i++) {
            for (int c = 0; c < 6; c++) {
                for (int t = 0; t < 80; t++) {
                    x[i][c][t] = r.nextGaussian() * (c == 0 && y[i] == 1 ? 3 : 1)
                            + 0.5 * r.nextGaussian() * (c == 1 ? 1 : 0);
                }
            }
        }
        double[][][] scaled = new double[12][6][80];
        for (int i = 0; i < x.length; i++) {
            for (int c = 0; c < 6; c++) {
                for (int t = 0; t < 80; t++) {
                    scaled[i][c][t] = x[i][c][t] * scale;
                }
            }
        }
        double[][] a = new CommonSpatialPatterns(4).fit(x, y).transform(x);
        double[][] b = new CommonSpatialPatterns(4).fit(scaled, y).transform(scaled);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 1e-7);
        }
    }

    /** Affine invariance: MDM decisions do not change when every matrix goes through C ↦ A C Aᵀ. */
    @Property(tries = 10)
    void mdmIsCongruenceInvariant(@ForAll long seed) {
        Random r = new Random(seed);
        int n = 4;
        List<DMatrixRMaj> covs = new ArrayList<>();
        int[] y = alternating(16);
        for (int i = 0; i < 16; i++) {
            covs.add(randomSpd(r, n, y[i] == 1 ? 2.0 : 1.0));
        }
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        for (int i = 0; i < n * n; i++) {
            a.data[i] = r.nextGaussian() + (i % (n + 1) == 0 ? 3 : 0);
        }
        List<DMatrixRMaj> moved = covs.stream().map(c -> congruence(a, c)).toList();
        MinimumDistanceToMean m1 = new MinimumDistanceToMean().fit(covs.subList(0, 12), Arrays.copyOf(y, 12));
        MinimumDistanceToMean m2 = new MinimumDistanceToMean().fit(moved.subList(0, 12), Arrays.copyOf(y, 12));
        for (int i = 12; i < 16; i++) {
            assertArrayEquals(m1.distances(covs.get(i)), m2.distances(moved.get(i)), 1e-6);
        }
    }

    static DMatrixRMaj randomSpd(Random r, int n, double boost) {
        DMatrixRMaj x = new DMatrixRMaj(n, 3 * n);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = r.nextGaussian() * (i < 3 * n ? boost : 1);
        }
        DMatrixRMaj c = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(x, x, c);
        return c;
    }

    static DMatrixRMaj congruence(DMatrixRMaj a, DMatrixRMaj c) {
        DMatrixRMaj t = new DMatrixRMaj(a.numRows, a.numCols);
        DMatrixRMaj out = new DMatrixRMaj(a.numRows, a.numRows);
        CommonOps_DDRM.mult(a, c, t);
        CommonOps_DDRM.multTransB(t, a, out);
        return out;
    }

    /** AUC of negated scores is 1 − AUC; a perfect ranking scores 1. */
    @Property(tries = 50)
    void rocAucFlipsWithTheScores(@ForAll long seed) {
        Random r = new Random(seed);
        int[] y = alternating(20);
        double[] s = new double[20];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.round(r.nextGaussian() * 4) / 4.0 + y[i] * 0.3;
        }
        double[] neg = Arrays.stream(s).map(v -> -v).toArray();
        assertEquals(1 - RocAuc.of(y, s), RocAuc.of(y, neg), 1e-12);
        assertEquals(1.0, RocAuc.of(y, Arrays.stream(y).asDoubleStream().toArray()), 0);
    }

    /** Stratified folds: each trial is tested exactly once per repeat and classes spread evenly over folds. */
    @Property(tries = 30)
    void stratifiedFoldsPartitionEachRepeat(@ForAll long seed, @ForAll @IntRange(min = 2, max = 6) int k) {
        int[] y = new int[45];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 3 == 0 ? 1 : 0;
        }
        int[][] folds = Split.stratifiedFolds(y, k, 3, seed);
        for (int[] row : folds) {
            for (int c = 0; c < 2; c++) {
                int[] perFold = new int[k];
                for (int i = 0; i < y.length; i++) {
                    if (y[i] == c) {
                        perFold[row[i]]++;
                    }
                }
                int min = Arrays.stream(perFold).min().orElseThrow();
                int max = Arrays.stream(perFold).max().orElseThrow();
                assertTrue(max - min <= 1, "class " + c + " per fold " + Arrays.toString(perFold));
            }
        }
    }
}
