package org.neuroloop.dsp.riemann;

import org.ejml.data.DMatrixRMaj;

/**
 * Affine-invariant Riemannian distance between SPD matrices (pyRiemann {@code distance_riemann}):
 * <pre>  δ_R(A, B) = ‖log(A^{-1/2} B A^{-1/2})‖_F = sqrt( Σ_i log² λ_i ),</pre>
 * λ_i the generalized eigenvalues of (B, A), computed here as the eigenvalues of the whitened matrix
 * {@code A^{-1/2} B A^{-1/2}}. Symmetric, invariant under congruence {@code δ(XAXᵀ, XBXᵀ) = δ(A, B)} and
 * inversion {@code δ(A⁻¹, B⁻¹) = δ(A, B)}.
 *
 * <p>An instance made by {@link #to(DMatrixRMaj)} keeps the whitening matrix {@code M^{-1/2}} of a fixed
 * reference M (e.g. a class mean for MDM), so each distance costs one congruence plus eigenvalues only.
 * Instances are immutable and thread-safe when used with a workspace per thread.
 *
 * <p>Reference: W. Förstner, B. Moonen, "A metric for covariance matrices", 2003; M. Moakher, SIAM J. Matrix
 * Anal. Appl. 26(3), 2005.
 */
public final class RiemannDistance {

    private final DMatrixRMaj reference;
    private final DMatrixRMaj invSqrt;

    private RiemannDistance(DMatrixRMaj reference, DMatrixRMaj invSqrt) {
        this.reference = reference;
        this.invSqrt = invSqrt;
    }

    /** δ_R(a, b); allocates a workspace. */
    public static double between(DMatrixRMaj a, DMatrixRMaj b) {
        return to(a).from(b, new SpdWorkspace(a.numRows));
    }

    /** A distance function to the fixed SPD reference {@code m} (copied), with {@code m^{-1/2}} precomputed. */
    public static RiemannDistance to(DMatrixRMaj m) {
        DMatrixRMaj ref = m.copy();
        SpdEigen ws = new SpdEigen(ref.numRows);
        double[] f = Spd.decomposeSpd(ref, ws, "reference matrix of the Riemannian distance");
        for (int k = 0; k < f.length; k++) {
            f[k] = 1.0 / Math.sqrt(f[k]);
        }
        DMatrixRMaj w = new DMatrixRMaj(ref.numRows, ref.numRows);
        ws.reconstruct(f, w);
        return new RiemannDistance(ref, w);
    }

    /** The reference matrix M (do not modify). */
    public DMatrixRMaj reference() {
        return reference;
    }

    /** δ_R(M, c); allocation-free with the caller's per-thread workspace. */
    public double from(DMatrixRMaj c, SpdWorkspace ws) {
        ws.requireSize(c, "matrix compared with the reference");
        Spd.whiten(invSqrt, c, ws.a, ws.b);
        double[] l = ws.eigen.decomposeValues(ws.a, "whitened matrix M^-1/2 C M^-1/2").values();
        double s = 0;
        for (double v : l) {
            if (!(v > 0)) {
                throw new IllegalArgumentException("matrix compared with the reference is not positive definite:"
                        + " generalized eigenvalue " + v + " <= 0");
            }
            double lv = Math.log(v);
            s += lv * lv;
        }
        return Math.sqrt(s);
    }

    /** Squared distance δ_R(M, c)². */
    public double squaredFrom(DMatrixRMaj c, SpdWorkspace ws) {
        double d = from(c, ws);
        return d * d;
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
