package org.neuroloop.dsp.riemann;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuroloop.dsp.riemann.Matrices.assertClose;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** {@link RiemannMean#estimate} says whether the gradient descent converged, like pyRiemann's warning. */
class RiemannMeanConvergenceTest {

    private static List<DMatrixRMaj> set() {
        Random r = new Random(5);
        List<DMatrixRMaj> out = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            out.add(Matrices.randomSpd(r, 6));
        }
        return out;
    }

    @Test
    void stoppingOnTheIterationLimitIsReported() {
        RiemannMean.Result r = RiemannMean.estimate(set(), null, 1e-8, 2, null);
        assertFalse(r.converged());
        assertEquals(2, r.iterations());
        assertTrue(r.gradientNorm() > 1e-8, "gradient norm " + r.gradientNorm());
    }

    @Test
    void convergedEstimateIsTheMeanOfTheAllocatingForm() {
        List<DMatrixRMaj> set = set();
        RiemannMean.Result r =
                RiemannMean.estimate(set, null, RiemannMean.DEFAULT_TOL, RiemannMean.DEFAULT_MAX_ITER, null);
        assertTrue(r.converged());
        assertTrue(r.iterations() > 1 && r.iterations() < RiemannMean.DEFAULT_MAX_ITER, "iterations " + r.iterations());
        assertClose(RiemannMean.of(set), r.mean(), 0, "same iterates");
        // The gradient at the mean vanishes: Σ log(M^{-1/2} C_i M^{-1/2}) ≈ 0.
        TangentSpace ts = TangentSpace.at(r.mean());
        double[] sum = new double[TangentSpace.dimension(6)];
        for (double[] v : ts.projectAll(set)) {
            for (int k = 0; k < v.length; k++) {
                sum[k] += v[k] / set.size();
            }
        }
        for (double s : sum) {
            assertEquals(0.0, s, 1e-7);
        }
    }
}
