package org.neuroloop.dsp.riemann;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class RiemannBadInputTest {

    private static final DMatrixRMaj SPD = new DMatrixRMaj(new double[][] {{2, 0.5}, {0.5, 1}});
    private static final DMatrixRMaj INDEFINITE = new DMatrixRMaj(new double[][] {{1, 2}, {2, 1}});
    private static final DMatrixRMaj ASYMMETRIC = new DMatrixRMaj(new double[][] {{2, 0.5}, {0.4, 1}});
    private static final DMatrixRMaj WITH_NAN = new DMatrixRMaj(new double[][] {{2, Double.NaN}, {Double.NaN, 1}});

    private static void assertMessage(Runnable r, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(
                e.getMessage().contains(fragment),
                "message '" + e.getMessage() + "' should contain '" + fragment + "'");
    }

    @Test
    void nonPositiveDefiniteIsRejected() {
        assertMessage(() -> Spd.log(INDEFINITE), "not positive definite");
        assertMessage(() -> Spd.sqrt(INDEFINITE), "not positive definite");
        assertMessage(() -> Spd.requireSpd(INDEFINITE, "covariance of epoch 3"), "covariance of epoch 3");
        assertMessage(() -> RiemannDistance.between(SPD, INDEFINITE), "not positive definite");
        DMatrixRMaj big = SPD.copy();
        big.data[0] *= 10;
        big.data[1] *= 10;
        big.data[2] *= 10;
        big.data[3] *= 10;
        assertMessage(() -> RiemannMean.of(List.of(big, INDEFINITE)), "matrix 1");
        assertMessage(() -> RiemannMean.of(List.of(SPD, INDEFINITE)), "an input is not SPD");
        assertMessage(() -> TangentSpace.at(INDEFINITE), "not positive definite");
    }

    @Test
    void asymmetricIsRejected() {
        assertMessage(() -> Spd.log(ASYMMETRIC), "not symmetric");
        assertMessage(() -> Spd.exp(ASYMMETRIC), "not symmetric");
    }

    @Test
    void nanIsRejected() {
        assertMessage(() -> Spd.log(WITH_NAN), "non-finite");
        assertMessage(() -> LogEuclideanMean.of(List.of(SPD, WITH_NAN)), "matrix 1");
        assertMessage(() -> TangentSpace.at(SPD).project(WITH_NAN), "non-finite");
    }

    @Test
    void emptyOrMismatchedSetsAreRejected() {
        assertMessage(() -> RiemannMean.of(List.of()), "empty");
        assertMessage(() -> RiemannMean.of(List.of(SPD, new DMatrixRMaj(3, 3))), "matrix 1 is 3x3");
        assertMessage(() -> RiemannMean.of(List.of(SPD, SPD), new double[] {1, -1}), "weight 1");
        assertMessage(() -> RiemannMean.of(List.of(SPD), new double[] {0}), "sum to");
    }

    @Test
    void onlineRecenteringNeedsData() {
        assertThrows(IllegalStateException.class, () -> Recentering.online(2).apply(SPD, new DMatrixRMaj(2, 2)));
        assertThrows(IllegalStateException.class, () -> Recentering.fixed(SPD).update(SPD));
    }
}
