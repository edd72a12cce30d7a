package org.neuroloop.dsp.covariance;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class CovarianceBadInputTest {

    private static void assertMessage(Runnable r, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(
                e.getMessage().contains(fragment),
                "message '" + e.getMessage() + "' should contain '" + fragment + "'");
    }

    @Test
    void emptyEpochIsRejected() {
        assertMessage(() -> CovarianceEstimator.SCM.of(new DMatrixRMaj(3, 0)), "empty epoch");
        assertMessage(() -> CovarianceEstimator.OAS.ofInterleaved(new double[0], 4), "empty epoch");
    }

    @Test
    void nanIsRejectedWithItsPosition() {
        DMatrixRMaj x = new DMatrixRMaj(2, 5);
        x.set(1, 3, Double.NaN);
        assertMessage(() -> CovarianceEstimator.LEDOIT_WOLF.of(x), "channel 1, sample 3");
        assertMessage(() -> Covariances.of(List.of(new DMatrixRMaj(2, 5), x), CovarianceEstimator.OAS), "epoch 1");
        SlidingCovariance sliding = new SlidingCovariance(2, 4);
        assertMessage(() -> sliding.add(new double[] {1, 2, 3, Double.POSITIVE_INFINITY}, 0, 2), "channel 1");
    }

    @Test
    void emptyWindowIsRejected() {
        assertThrows(IllegalStateException.class, () -> new SlidingCovariance(3, 10).covariance());
        assertMessage(() -> new SlidingCovariance(3, 0), "window >= 1");
    }

    @Test
    void raggedInterleavedInputIsRejected() {
        assertMessage(() -> CovarianceEstimator.SCM.ofInterleaved(new double[7], 2), "not a whole number");
        assertMessage(() -> new SlidingCovariance(3, 4).add(new double[5], 0, 2), "do not fit");
    }

    @Test
    void tooShortForTheEmbeddingIsRejected() {
        assertMessage(
                () -> new AugmentedCovariance(3, 5, CovarianceEstimator.SCM).of(new DMatrixRMaj(2, 10)),
                "needs more than 10 samples");
        assertMessage(() -> CovarianceEstimator.parse("mcd"), "expected one of scm, lwf, oas");
    }
}
