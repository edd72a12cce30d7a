package org.neuroloop.dsp.covariance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.neuroloop.dsp.riemann.Matrices.assertClose;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.neuroloop.dsp.riemann.Spd;

/** Laws of the covariance estimators on random signals generated from the jqwik seed. */
class CovariancePropertiesTest {

    /** Random channels × samples epoch with a large DC offset per channel (as raw EEG has). */
    private static DMatrixRMaj epoch(Random r, int ch, int n) {
        DMatrixRMaj x = new DMatrixRMaj(ch, n);
        for (int c = 0; c < ch; c++) {
            double offset = 1e3 * r.nextGaussian();
            for (int t = 0; t < n; t++) {
                x.set(c, t, offset + r.nextGaussian() + 0.5 * (c > 0 ? x.get(c - 1, t) - offset : 0));
            }
        }
        return x;
    }

    /** Straightforward two-pass SCM: the definition, with EJML doing the product. */
    private static DMatrixRMaj definitionScm(DMatrixRMaj x) {
        DMatrixRMaj centered = x.copy();
        for (int c = 0; c < x.numRows; c++) {
            double mean = 0;
            for (int t = 0; t < x.numCols; t++) {
                mean += x.get(c, t);
            }
            mean /= x.numCols;
            for (int t = 0; t < x.numCols; t++) {
                centered.set(c, t, x.get(c, t) - mean);
            }
        }
        DMatrixRMaj s = new DMatrixRMaj(x.numRows, x.numRows);
        CommonOps_DDRM.multTransB(centered, centered, s);
        CommonOps_DDRM.scale(1.0 / x.numCols, s);
        return s;
    }

    @Property(tries = 100)
    void scmKernelEqualsDefinition(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 13) int ch,
            @ForAll @IntRange(min = 1, max = 60) int n) {
        DMatrixRMaj x = epoch(new Random(seed), ch, n);
        assertClose(definitionScm(x), CovarianceEstimator.SCM.of(x), 1e-9, "SCM");
    }

    @Property(tries = 100)
    void slidingCovarianceEqualsBatchOfTheCurrentWindow(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 8) int ch,
            @ForAll @IntRange(min = 1, max = 40) int window,
            @ForAll @IntRange(min = 1, max = 200) int total,
            @ForAll @IntRange(min = 1, max = 17) int chunk) {
        Random r = new Random(seed);
        DMatrixRMaj x = epoch(r, ch, total);
        double[] interleaved = new double[ch * total];
        for (int t = 0; t < total; t++) {
            for (int c = 0; c < ch; c++) {
                interleaved[t * ch + c] = x.get(c, t);
            }
        }
        SlidingCovariance sliding = new SlidingCovariance(ch, window);
        DMatrixRMaj out = new DMatrixRMaj(ch, ch);
        for (int start = 0; start < total; start += chunk) {
            int len = Math.min(chunk, total - start);
            sliding.add(interleaved, start * ch, len);
            int end = start + len;
            int n = Math.min(window, end);
            assertEquals(n, sliding.size());
            DMatrixRMaj win = CommonOps_DDRM.extract(x, 0, ch, end - n, end);
            DMatrixRMaj expected = CovarianceEstimator.SCM.of(win);
            assertClose(expected, sliding.covariance(out), 1e-9, "window ending at " + end);
            DMatrixRMaj oas = expected.copy();
            Oas.shrink(oas, n);
            assertClose(CovarianceEstimator.OAS.of(win), oas, 1e-12, "OAS of the same window");
            assertClose(CovarianceEstimator.OAS.of(win), sliding.oas(out), 1e-9, "sliding OAS ending at " + end);
        }
    }

    @Property(tries = 50)
    void snapshotAndRestoreContinuesLikeTheOriginal(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 5) int ch,
            @ForAll @IntRange(min = 1, max = 30) int window,
            @ForAll @IntRange(min = 1, max = 80) int before,
            @ForAll @IntRange(min = 1, max = 80) int after) {
        Random r = new Random(seed);
        double[] x = new double[(before + after) * ch];
        for (int k = 0; k < x.length; k++) {
            x[k] = 50 + r.nextGaussian();
        }
        SlidingCovariance original = new SlidingCovariance(ch, window);
        original.add(x, 0, before);
        SlidingCovariance restored = SlidingCovariance.restore(ch, window, original.windowSamples());
        assertEquals(original.size(), restored.size());
        assertClose(original.covariance(), restored.covariance(), 1e-9, "restored window");
        original.add(x, before * ch, after);
        restored.add(x, before * ch, after);
        assertClose(original.covariance(), restored.covariance(), 1e-9, "after continuing");
    }

    @Property(tries = 50)
    void augmentedCovarianceIsTheCovarianceOfTheDelayEmbedding(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 4) int ch,
            @ForAll @IntRange(min = 1, max = 4) int order,
            @ForAll @IntRange(min = 1, max = 5) int lag) {
        Random r = new Random(seed);
        int n = (order - 1) * lag + 1 + r.nextInt(50);
        DMatrixRMaj x = epoch(r, ch, n);
        int m = n - (order - 1) * lag;
        // Build x̃(t) = [x(t); x(t-lag); ...] by its definition.
        DMatrixRMaj embedded = new DMatrixRMaj(order * ch, m);
        for (int k = 0; k < order; k++) {
            for (int c = 0; c < ch; c++) {
                for (int t = 0; t < m; t++) {
                    int time = t + (order - 1) * lag;
                    embedded.set(k * ch + c, t, x.get(c, time - k * lag));
                }
            }
        }
        for (CovarianceEstimator est : CovarianceEstimator.values()) {
            DMatrixRMaj actual = new AugmentedCovariance(order, lag, est).of(x);
            assertEquals(order * ch, actual.numRows);
            assertClose(est.of(embedded), actual, 1e-10, est + " augmented covariance");
        }
        if (order == 1) {
            assertClose(
                    CovarianceEstimator.SCM.of(x),
                    new AugmentedCovariance(1, lag, CovarianceEstimator.SCM).of(x),
                    1e-12,
                    "order 1 is the plain covariance");
        }
    }

    @Property(tries = 50)
    void shrinkageKeepsTheTraceAndMakesSpd(
            @ForAll long seed,
            @ForAll @IntRange(min = 2, max = 12) int ch,
            @ForAll @IntRange(min = 2, max = 10) int n) {
        // Fewer samples than channels: the SCM is singular; OAS always shrinks (ρ > 0), so it is SPD. Ledoit-Wolf
        // may legitimately estimate ρ = 0 (e.g. two samples), as scikit-learn does, so only its trace is checked.
        DMatrixRMaj x = epoch(new Random(seed), ch, n);
        DMatrixRMaj scm = CovarianceEstimator.SCM.of(x);
        for (DMatrixRMaj shrunk :
                new DMatrixRMaj[] {CovarianceEstimator.LEDOIT_WOLF.of(x), CovarianceEstimator.OAS.of(x)}) {
            assertEquals(CommonOps_DDRM.trace(scm), CommonOps_DDRM.trace(shrunk), 1e-9 * CommonOps_DDRM.trace(scm));
        }
        Spd.requireSpd(CovarianceEstimator.OAS.of(x), "OAS covariance");
    }
}
