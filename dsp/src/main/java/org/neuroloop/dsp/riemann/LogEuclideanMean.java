package org.neuroloop.dsp.riemann;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Log-Euclidean mean of SPD matrices (pyRiemann {@code mean_logeuclid}):
 * <pre>  M = exp( Σ_i w_i log C_i ),  Σ w_i = 1.</pre>
 * Shapes: a non-empty list of n×n SPD matrices in, n×n out.
 *
 * <p>Reference: V. Arsigny, P. Fillard, X. Pennec, N. Ayache, "Geometric means in a novel vector space structure
 * on symmetric positive-definite matrices", SIAM J. Matrix Anal. Appl. 29(1), 2007.
 */
public final class LogEuclideanMean {

    private LogEuclideanMean() {}

    /** Unweighted log-Euclidean mean. */
    public static DMatrixRMaj of(List<DMatrixRMaj> mats) {
        return of(mats, null);
    }

    /** Weighted log-Euclidean mean; {@code weights} ≥ 0 one per matrix (normalised), or null for uniform. */
    public static DMatrixRMaj of(List<DMatrixRMaj> mats, double[] weights) {
        int n = Means.requireSet(mats, "log-Euclidean mean");
        double[] w = Means.normalizedWeights(weights, mats.size(), "log-Euclidean mean");
        DMatrixRMaj sum = new DMatrixRMaj(n, n);
        Means.weightedSum(
                mats.size(),
                n,
                w,
                (i, out, ws) -> {
                    DMatrixRMaj c = mats.get(i);
                    ws.requireSize(c, "matrix " + i);
                    try {
                        Spd.log(c, out, ws.eigen);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("matrix " + i + " is not SPD (" + e.getMessage() + ")", e);
                    }
                },
                sum);
        return Spd.exp(sum);
    }
}
