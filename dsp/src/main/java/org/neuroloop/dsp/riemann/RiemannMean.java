package org.neuroloop.dsp.riemann;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Riemannian (Karcher / Fréchet) mean of SPD matrices under the affine-invariant metric,
 * <pre>  M = argmin_M Σ_i w_i δ_R(M, C_i)²,</pre>
 * by the gradient descent of pyRiemann 0.9 {@code mean_riemann} (same initialisation, step rule and stopping):
 * <pre>
 *   M ← Σ w_i C_i (Euclidean mean), ν = 1, τ = +∞
 *   repeat (at most maxIter times, while ‖J‖_F > tol and ν > tol):
 *     J = Σ_i w_i log(M^{-1/2} C_i M^{-1/2})
 *     M ← M^{1/2} exp(ν J) M^{1/2}
 *     h = ν ‖J‖_F;  if h < τ then ν ← 0.95 ν, τ ← h  else ν ← ν / 2
 * </pre>
 * Weights are normalised to sum 1. Shapes: a non-empty list of n×n SPD matrices in, n×n out.
 * Large sets are processed in parallel on the common fork-join pool, in a machine-independent block order, so the
 * result is deterministic.
 *
 * <p>Reference: M. Moakher, "A differential geometric approach to the geometric mean of symmetric
 * positive-definite matrices", SIAM J. Matrix Anal. Appl. 26(3), 2005; A. Barachant et al., IEEE TBME 59(4), 2012.
 */
public final class RiemannMean {

    /** pyRiemann's default tolerance (written 10e-9 there). */
    public static final double DEFAULT_TOL = 1e-8;
    /** pyRiemann's default iteration limit. */
    public static final int DEFAULT_MAX_ITER = 50;

    private RiemannMean() {
    }

    /** Unweighted Riemannian mean with pyRiemann defaults (tol 1e-8, 50 iterations). */
    public static DMatrixRMaj of(List<DMatrixRMaj> mats) {
        return of(mats, null, DEFAULT_TOL, DEFAULT_MAX_ITER, null);
    }

    /** Weighted Riemannian mean with pyRiemann defaults; {@code weights} ≥ 0, one per matrix. */
    public static DMatrixRMaj of(List<DMatrixRMaj> mats, double[] weights) {
        return of(mats, weights, DEFAULT_TOL, DEFAULT_MAX_ITER, null);
    }

    /**
     * Weighted Riemannian mean.
     *
     * @param weights one weight ≥ 0 per matrix, or null for uniform weights
     * @param tol stop when ‖J‖_F ≤ tol or the step ν ≤ tol
     * @param maxIter iteration limit (≥ 1)
     * @param init starting point, or null for the weighted Euclidean mean
     */
    public static DMatrixRMaj of(List<DMatrixRMaj> mats, double[] weights, double tol, int maxIter, DMatrixRMaj init) {
        int n = Means.requireSet(mats, "Riemannian mean");
        if (maxIter < 1) {
            throw new IllegalArgumentException("Riemannian mean: maxIter must be >= 1, got " + maxIter);
        }
        double[] w = Means.normalizedWeights(weights, mats.size(), "Riemannian mean");
        DMatrixRMaj m = init != null ? init.copy() : Means.euclidean(mats, w, n);
        SpdWorkspace ws = new SpdWorkspace(n);
        DMatrixRMaj sqrt = new DMatrixRMaj(n, n);
        DMatrixRMaj invSqrt = new DMatrixRMaj(n, n);
        DMatrixRMaj j = new DMatrixRMaj(n, n);
        DMatrixRMaj step = new DMatrixRMaj(n, n);
        double nu = 1.0;
        double tau = Double.MAX_VALUE;
        double crit = Double.MAX_VALUE;
        for (int k = 0; k < maxIter && crit > tol && nu > tol; k++) {
            sqrtAndInvSqrt(m, sqrt, invSqrt, ws, k > 0 ? "Riemannian mean estimate at iteration " + k
                    : init != null ? "initial point of the Riemannian mean"
                    : "initial point of the Riemannian mean (Euclidean mean of the inputs, so an input is not SPD)");
            Means.weightedSum(mats.size(), n, w, (i, out, tws) -> logWhitened(invSqrt, mats.get(i), i, out, tws), j);
            crit = frobenius(j);
            double h = nu * crit;
            scale(j, nu, step);
            Spd.exp(step, ws.a, ws.eigen);
            Spd.whiten(sqrt, ws.a, m, ws.b);
            if (h < tau) {
                nu = 0.95 * nu;
                tau = h;
            } else {
                nu = 0.5 * nu;
            }
        }
        return m;
    }

    /** {@code out = log(W C W)}; errors name the matrix index. */
    static void logWhitened(DMatrixRMaj w, DMatrixRMaj c, int index, DMatrixRMaj out, SpdWorkspace ws) {
        ws.requireSize(c, "matrix " + index);
        Spd.whiten(w, c, ws.a, ws.b);
        try {
            Spd.log(ws.a, out, ws.eigen);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("matrix " + index + " is not SPD (" + e.getMessage() + ")", e);
        }
    }

    /** Both {@code M^{1/2}} and {@code M^{-1/2}} from one eigendecomposition. */
    static void sqrtAndInvSqrt(DMatrixRMaj m, DMatrixRMaj sqrt, DMatrixRMaj invSqrt, SpdWorkspace ws, String what) {
        double[] f = Spd.decomposeSpd(m, ws.eigen, what);
        double[] l = ws.eigen.values();
        for (int k = 0; k < f.length; k++) {
            f[k] = Math.sqrt(l[k]);
        }
        ws.eigen.reconstruct(f, sqrt);
        for (int k = 0; k < f.length; k++) {
            f[k] = 1.0 / Math.sqrt(l[k]);
        }
        ws.eigen.reconstruct(f, invSqrt);
    }

    static double frobenius(DMatrixRMaj a) {
        double s = 0;
        for (int k = 0; k < a.getNumElements(); k++) {
            s += a.data[k] * a.data[k];
        }
        return Math.sqrt(s);
    }

    private static void scale(DMatrixRMaj a, double s, DMatrixRMaj out) {
        for (int k = 0; k < a.getNumElements(); k++) {
            out.data[k] = s * a.data[k];
        }
    }
}
