package org.neuroloop.dsp.covariance;

import static org.neuroloop.dsp.riemann.Matrices.assertClose;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neuroloop.dsp.testing.Fixtures;

/** Golden values from {@code ../shared/fixtures/covariance.json} (pyRiemann 0.9 / scikit-learn 1.2.1). */
class CovarianceGoldenTest {

    private static final double TOL = 1e-10;
    private static double[][][] epochs;
    private static JsonNode fx;

    @BeforeAll
    static void load() {
        fx = Fixtures.read("covariance.json");
        epochs = Fixtures.toTensor3(fx.get("epochs"));
    }

    private static DMatrixRMaj expected(String key, int e) {
        return new DMatrixRMaj(Fixtures.toMatrix(fx.get(key).get(e)));
    }

    /** The epoch in the Chunk layout: x[t * channels + c]. */
    private static double[] interleaved(double[][] epoch) {
        int ch = epoch.length;
        int n = epoch[0].length;
        double[] x = new double[ch * n];
        for (int c = 0; c < ch; c++) {
            for (int t = 0; t < n; t++) {
                x[t * ch + c] = epoch[c][t];
            }
        }
        return x;
    }

    @Test
    void sampleCovarianceMatchesNumpyCovBias1() {
        for (int e = 0; e < epochs.length; e++) {
            assertClose(
                    expected("scm", e), CovarianceEstimator.SCM.of(new DMatrixRMaj(epochs[e])), TOL, "scm epoch " + e);
            assertClose(
                    expected("scm", e),
                    CovarianceEstimator.SCM.ofInterleaved(interleaved(epochs[e]), epochs[e].length),
                    TOL,
                    "scm interleaved epoch " + e);
        }
    }

    @Test
    void ledoitWolfMatchesSklearn() {
        for (int e = 0; e < epochs.length; e++) {
            assertClose(
                    expected("lwf", e),
                    CovarianceEstimator.LEDOIT_WOLF.of(new DMatrixRMaj(epochs[e])),
                    TOL,
                    "lwf epoch " + e);
            assertClose(
                    expected("lwf", e),
                    CovarianceEstimator.LEDOIT_WOLF.ofInterleaved(interleaved(epochs[e]), epochs[e].length),
                    TOL,
                    "lwf interleaved epoch " + e);
        }
    }

    @Test
    void oasMatchesSklearn() {
        for (int e = 0; e < epochs.length; e++) {
            assertClose(
                    expected("oas", e), CovarianceEstimator.OAS.of(new DMatrixRMaj(epochs[e])), TOL, "oas epoch " + e);
            assertClose(
                    expected("oas", e),
                    CovarianceEstimator.OAS.ofInterleaved(interleaved(epochs[e]), epochs[e].length),
                    TOL,
                    "oas interleaved epoch " + e);
        }
    }

    @Test
    void batchEqualsPerEpoch() {
        List<DMatrixRMaj> list = Arrays.stream(epochs).map(DMatrixRMaj::new).toList();
        for (CovarianceEstimator est : CovarianceEstimator.values()) {
            DMatrixRMaj[] all = Covariances.of(list, est);
            DMatrixRMaj[] allInterleaved = Covariances.ofInterleaved(
                    Arrays.stream(epochs).map(CovarianceGoldenTest::interleaved).toList(), epochs[0].length, est);
            String key = switch (est) {
                case SCM -> "scm";
                case LEDOIT_WOLF -> "lwf";
                case OAS -> "oas";
            };
            for (int e = 0; e < epochs.length; e++) {
                assertClose(expected(key, e), all[e], TOL, est + " batch epoch " + e);
                assertClose(expected(key, e), allInterleaved[e], TOL, est + " interleaved batch epoch " + e);
            }
        }
    }
}
