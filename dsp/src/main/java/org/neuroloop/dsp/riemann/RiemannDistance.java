package org.neuroloop.dsp.riemann;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Affine-invariant Riemannian distance between SPD matrices (pyRiemann {@code distance_riemann}):
 * <pre>  δ_R(A, B) = ‖log(A^{-1/2} B A^{-1/2})‖_F = sqrt( Σ_i log² λ_i ),</pre>
 * λ_i the generalized eigenvalues of (B, A), computed as the eigenvalues (only) of {@code R B Rᵀ} with
 * {@code A = L Lᵀ}, {@code R = L⁻¹} ({@link CholeskyWhitening}), which is orthogonally similar to
 * {@code A^{-1/2} B A^{-1/2}}. Symmetric, invariant under congruence {@code δ(XAXᵀ, XBXᵀ) = δ(A, B)} and
 * inversion {@code δ(A⁻¹, B⁻¹) = δ(A, B)}.
 *
 * <p>An instance made by {@link #to(DMatrixRMaj)} keeps the factor of a fixed reference M (e.g. a class mean for
 * MDM), so each distance costs one triangular congruence plus eigenvalues only.
 * Instances are immutable and thread-safe when used with a workspace per thread.
 *
 * <p>Reference: W. Förstner, B. Moonen, "A metric for covariance matrices", 2003; M. Moakher, SIAM J. Matrix
 * Anal. Appl. 26(3), 2005.
 */
public final class RiemannDistance {

    private static final String COMPARED = "matrix compared with the reference";
    private static final String WHITENED = "whitened matrix L^-1 C L^-T";

    private final DMatrixRMaj reference;
    private final CholeskyWhitening factor;

    private RiemannDistance(DMatrixRMaj reference, CholeskyWhitening factor) {
        this.reference = reference;
        this.factor = factor;
    }

    /** δ_R(a, b); allocates a workspace. */
    public static double between(DMatrixRMaj a, DMatrixRMaj b) {
        return to(a).from(b, new SpdWorkspace(a.numRows));
    }

    /** A distance function to the fixed SPD reference {@code m} (copied), with its Cholesky factor precomputed. */
    public static RiemannDistance to(DMatrixRMaj m) {
        DMatrixRMaj ref = m.copy();
        String what = "reference matrix of the Riemannian distance";
        SpdEigen check = new SpdEigen(ref.numRows);
        check.requireSymmetricFinite(ref, what);
        CholeskyWhitening f = new CholeskyWhitening(ref.numRows);
        if (!f.factor(ref.data)) {
            // The eigenvalues give the message that names the offending value.
            check.decomposeValues(ref, what).requirePositive(what);
            throw new IllegalArgumentException(what + " is not positive definite (Cholesky factorisation failed)");
        }
        return new RiemannDistance(ref, f);
    }

    /** The reference matrix M (do not modify). */
    public DMatrixRMaj reference() {
        return reference;
    }

    /** δ_R(M, c); allocation-free with the caller's per-thread workspace. */
    public double from(DMatrixRMaj c, SpdWorkspace ws) {
        return Math.sqrt(squaredFrom(c, ws));
    }

    /** Squared distance δ_R(M, c)² = Σ log² λ_i; allocation-free with the caller's per-thread workspace. */
    public double squaredFrom(DMatrixRMaj c, SpdWorkspace ws) {
        requireInput(c, ws);
        return squaredFromChecked(c, ws);
    }

    /**
     * Squared distances from {@code c} to each reference (e.g. the class means of MDM) into {@code out}, checking
     * {@code c} once; allocation-free with the caller's per-thread workspace.
     */
    public static void squaredFrom(List<RiemannDistance> references, DMatrixRMaj c, double[] out, SpdWorkspace ws) {
        if (out.length < references.size()) {
            throw new IllegalArgumentException(
                    "distance buffer has " + out.length + " entries for " + references.size() + " references");
        }
        int count = references.size();
        int k = 0;
        // Pairs of references share one interleaved QL iteration ({@link RootFreeQl}).
        for (; k + 1 < count; k += 2) {
            RiemannDistance r0 = references.get(k);
            RiemannDistance r1 = references.get(k + 1);
            if (k == 0 || r0.factor.size() != ws.size()) {
                r0.requireInput(c, ws);
            }
            r1.requireSameSize(ws);
            TridiagonalQl first = ws.eigen.kernel();
            TridiagonalQl second = ws.second;
            r0.factor.congruenceUpper(c.data, first.z, ws.b.data);
            r1.factor.congruenceUpper(c.data, second.z, ws.b.data);
            if (!TridiagonalQl.decomposeValues(first, second)) {
                throw new IllegalArgumentException(WHITENED + ": symmetric eigendecomposition did not converge");
            }
            out[k] = sumOfSquaredLogs(first.d);
            out[k + 1] = sumOfSquaredLogs(second.d);
        }
        if (k < count) {
            RiemannDistance r = references.get(k);
            if (k == 0) {
                r.requireInput(c, ws);
            }
            r.requireSameSize(ws);
            out[k] = r.squaredFromChecked(c, ws);
        }
    }

    private void requireSameSize(SpdWorkspace ws) {
        if (ws.size() != factor.size()) {
            throw new IllegalArgumentException("workspace for " + ws.size() + "x" + ws.size() + " matrices used with a "
                    + factor.size() + "x" + factor.size() + " reference");
        }
    }

    private void requireInput(DMatrixRMaj c, SpdWorkspace ws) {
        requireSameSize(ws);
        ws.requireSize(c, COMPARED);
        ws.eigen.requireSymmetricFinite(c, COMPARED);
    }

    private double squaredFromChecked(DMatrixRMaj c, SpdWorkspace ws) {
        factor.congruenceUpper(c.data, ws.a.data, ws.b.data);
        return sumOfSquaredLogs(
                ws.eigen.decomposeUpper(ws.a.data, false, WHITENED).values());
    }

    /** Σ log² λ over generalised eigenvalues, which must be positive. */
    private static double sumOfSquaredLogs(double[] l) {
        double s = 0;
        for (double v : l) {
            if (!(v > 0)) {
                throw new IllegalArgumentException(
                        COMPARED + " is not positive definite:" + " generalized eigenvalue " + v + " <= 0");
            }
            double lv = Math.log(v);
            s += lv * lv;
        }
        return s;
    }

    /**
     * Log-Euclidean distance {@code δ_LE(A, B) = ‖log A − log B‖_F} (pyRiemann {@code distance_logeuclid};
     * V. Arsigny et al., SIAM J. Matrix Anal. Appl. 29(1), 2007).
     */
    public static double logEuclidean(DMatrixRMaj a, DMatrixRMaj b) {
        if (a.numRows != b.numRows || a.numCols != b.numCols) {
            throw new IllegalArgumentException("log-Euclidean distance of a " + a.numRows + "x" + a.numCols + " and a "
                    + b.numRows + "x" + b.numCols + " matrix; expected equal shapes");
        }
        DMatrixRMaj la = Spd.log(a);
        DMatrixRMaj lb = Spd.log(b);
        double s = 0;
        for (int i = 0; i < la.getNumElements(); i++) {
            double d = la.data[i] - lb.data[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
