package org.neuroloop.dsp.riemann;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/** Arithmetic mean {@code M = Σ_i w_i C_i}, Σ w_i = 1 (pyRiemann {@code mean_euclid}); n×n matrices in and out. */
public final class EuclideanMean {

    private EuclideanMean() {}

    /** Unweighted arithmetic mean. */
    public static DMatrixRMaj of(List<DMatrixRMaj> mats) {
        return of(mats, null);
    }

    /** Weighted arithmetic mean; {@code weights} ≥ 0 one per matrix (normalised), or null for uniform. */
    public static DMatrixRMaj of(List<DMatrixRMaj> mats, double[] weights) {
        int n = Means.requireSet(mats, "Euclidean mean");
        return Means.euclidean(mats, Means.normalizedWeights(weights, mats.size(), "Euclidean mean"), n);
    }
}
