package org.neuroloop.dsp.covariance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** A reused workspace gives what a fresh one gives, whatever epoch lengths it held before (its rows are padded). */
class CenteredEpochTest {

    @Test
    void reuseAcrossEpochLengthsMatchesAFreshWorkspace() {
        Random r = new Random(11);
        CenteredEpoch reused = new CenteredEpoch();
        for (int n : new int[] {500, 497, 503, 8, 3, 500, 1}) {
            DMatrixRMaj epoch = new DMatrixRMaj(5, n);
            for (int k = 0; k < epoch.data.length; k++) {
                epoch.data[k] = 50 + 10 * r.nextGaussian();
            }
            for (CovarianceEstimator estimator : CovarianceEstimator.values()) {
                DMatrixRMaj expected = estimator.estimate(new CenteredEpoch().load(epoch), new DMatrixRMaj(5, 5));
                DMatrixRMaj actual = estimator.estimate(reused.load(epoch), new DMatrixRMaj(5, 5));
                assertArrayEquals(expected.data, actual.data, 0.0, estimator + " after reuse, n=" + n);
            }
            double[] interleaved = new double[n * 5];
            for (int t = 0; t < n; t++) {
                for (int c = 0; c < 5; c++) {
                    interleaved[t * 5 + c] = epoch.get(c, t);
                }
            }
            DMatrixRMaj expected =
                    CovarianceEstimator.OAS.estimate(new CenteredEpoch().load(epoch), new DMatrixRMaj(5, 5));
            DMatrixRMaj actual =
                    CovarianceEstimator.OAS.estimate(reused.loadInterleaved(interleaved, 5), new DMatrixRMaj(5, 5));
            assertArrayEquals(expected.data, actual.data, 0.0, "interleaved after reuse, n=" + n);
        }
    }
}
