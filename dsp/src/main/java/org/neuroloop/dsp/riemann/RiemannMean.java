package org.neuroloop.dsp.riemann;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *
 * <p>The iteration runs on the Cholesky factor {@code M = L Lᵀ} instead of {@code M^{±1/2}}: with {@code R = L⁻¹}
 * and the orthogonal {@code Q = M^{-1/2} L}, {@code log(M^{-1/2} C M^{-1/2}) = Q log(R C Rᵀ) Qᵀ}, so
 * {@code J' = Σ w_i log(R C_i Rᵀ) = Qᵀ J Q} has the same norm and {@code M^{1/2} exp(νJ) M^{1/2} = L exp(νJ') Lᵀ}:
 * the same iterates as pyRiemann, without an eigendecomposition of M per iteration and with the cheaper
 * triangular congruence ({@link CholeskyWhitening}) per matrix. The one decomposition of J' serves both the
 * exponential and the step.
 * Large sets are processed in parallel on the common fork-join pool, in a machine-independent block order, so the
 * result is deterministic. Non-convergence is never silent: {@link #estimate} returns it and {@link #of} logs a
 * warning, as pyRiemann warns "Convergence not reached".
 *
 * <p>Reference: M. Moakher, "A differential geometric approach to the geometric mean of symmetric
 * positive-definite matrices", SIAM J. Matrix Anal. Appl. 26(3), 2005; A. Barachant et al., IEEE TBME 59(4), 2012.
 */
public final class RiemannMean {

    /** pyRiemann's default tolerance (written 10e-9 there). */
    public static final double DEFAULT_TOL = 1e-8;
    /** pyRiemann's default iteration limit. */
    public static final int DEFAULT_MAX_ITER = 50;

    private static final Logger LOG = LoggerFactory.getLogger(RiemannMean.class);

    /**
     * Outcome of the gradient descent.
     *
     * @param mean the estimate
     * @param iterations gradient steps taken
     * @param converged true if it stopped on the tolerance (‖J‖_F ≤ tol or ν ≤ tol) before the iteration limit
     * @param gradientNorm ‖J‖_F at the last step taken
     */
    public record Result(DMatrixRMaj mean, int iterations, boolean converged, double gradientNorm) {}

    private RiemannMean() {}

    /** Unweighted Riemannian mean with pyRiemann defaults (tol 1e-8, 50 iterations). */
    public static DMatrixRMaj of(List<DMatrixRMaj> mats) {
        return of(mats, null, DEFAULT_TOL, DEFAULT_MAX_ITER, null);
    }

    /** Weighted Riemannian mean with pyRiemann defaults; {@code weights} ≥ 0, one per matrix. */
    public static DMatrixRMaj of(List<DMatrixRMaj> mats, double[] weights) {
        return of(mats, weights, DEFAULT_TOL, DEFAULT_MAX_ITER, null);
    }

    /**
     * Weighted Riemannian mean; logs a warning when the iteration limit is reached first (see {@link #estimate}
     * for the same with the convergence returned).
     */
    public static DMatrixRMaj of(List<DMatrixRMaj> mats, double[] weights, double tol, int maxIter, DMatrixRMaj init) {
        Result r = estimate(mats, weights, tol, maxIter, init);
        if (!r.converged()) {
            LOG.warn(
                    "Riemannian mean of {} matrices: convergence not reached after {} iterations (gradient norm {}"
                            + " > tolerance {})",
                    mats.size(),
                    r.iterations(),
                    r.gradientNorm(),
                    tol);
        }
        return r.mean();
    }

    /**
     * Weighted Riemannian mean with its convergence.
     *
     * @param weights one weight ≥ 0 per matrix, or null for uniform weights
     * @param tol stop when ‖J‖_F ≤ tol or the step ν ≤ tol
     * @param maxIter iteration limit (≥ 1)
     * @param init starting point, or null for the weighted Euclidean mean
     */
    public static Result estimate(List<DMatrixRMaj> mats, double[] weights, double tol, int maxIter, DMatrixRMaj init) {
        int n = Means.requireSet(mats, "Riemannian mean");
        if (maxIter < 1) {
            throw new IllegalArgumentException("Riemannian mean: maxIter must be >= 1, got " + maxIter);
        }
        double[] w = Means.normalizedWeights(weights, mats.size(), "Riemannian mean");
        DMatrixRMaj m = init != null ? init.copy() : Means.euclidean(mats, w, n);
        SpdWorkspace ws = new SpdWorkspace(n);
        // Inputs are checked once here, not in every iteration.
        for (int i = 0; i < mats.size(); i++) {
            try {
                ws.eigen.requireSymmetricFinite(mats.get(i), "input");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("matrix " + i + " is not SPD (" + e.getMessage() + ")", e);
            }
        }
        CholeskyWhitening factor = new CholeskyWhitening(n);
        DMatrixRMaj j = new DMatrixRMaj(n, n);
        double nu = 1.0;
        double tau = Double.MAX_VALUE;
        double crit = Double.MAX_VALUE;
        int k = 0;
        for (; k < maxIter && crit > tol && nu > tol; k++) {
            requireFactor(
                    factor,
                    m,
                    ws,
                    k == 0
                            ? (init != null
                                    ? "initial point of the Riemannian mean"
                                    : "initial point of the Riemannian mean (Euclidean mean of the inputs,"
                                            + " so an input is not SPD)")
                            : "Riemannian mean estimate at iteration " + k);
            Means.weightedSum(mats.size(), n, w, (i, out, tws) -> logWhitened(factor, mats.get(i), i, out, tws), j);
            crit = frobenius(j);
            double h = nu * crit;
            // exp(ν J') from the decomposition of J', then M = L exp(ν J') Lᵀ.
            SpdEigen eig = ws.eigen.decompose(j, "gradient of the Riemannian mean");
            double[] f = eig.functionScratch();
            double[] l = eig.values();
            for (int q = 0; q < n; q++) {
                f[q] = Math.exp(nu * l[q]);
            }
            eig.reconstruct(f, ws.a);
            factor.unwhiten(ws.a.data, m.data, ws.b.data);
            if (h < tau) {
                nu = 0.95 * nu;
                tau = h;
            } else {
                nu = 0.5 * nu;
            }
        }
        boolean converged = !(crit > tol && nu > tol);
        return new Result(m, k, converged, crit);
    }

    private static void requireFactor(CholeskyWhitening factor, DMatrixRMaj m, SpdWorkspace ws, String what) {
        ws.eigen.requireSymmetricFinite(m, what);
        if (!factor.factor(m.data)) {
            ws.eigen.decomposeValues(m, what).requirePositive(what);
            throw new IllegalArgumentException(what + " is not positive definite (Cholesky factorisation failed)");
        }
    }

    /** {@code out = log(R C Rᵀ)} for an input already checked finite and symmetric; errors name the index. */
    static void logWhitened(CholeskyWhitening factor, DMatrixRMaj c, int index, DMatrixRMaj out, SpdWorkspace ws) {
        factor.congruenceUpper(c.data, ws.a.data, ws.b.data);
        SpdEigen eig = ws.eigen.decomposeUpper(ws.a.data, true, "whitened matrix");
        double[] l = eig.values();
        double[] f = eig.functionScratch();
        for (int q = 0; q < l.length; q++) {
            if (!(l[q] > 0)) {
                throw new IllegalArgumentException("matrix " + index + " is not SPD (whitened eigenvalue " + l[q]
                        + " <= 0; expected a symmetric positive definite matrix)");
            }
            f[q] = Math.log(l[q]);
        }
        eig.reconstruct(f, out);
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
}
