package org.neuroloop.dsp.riemann;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Functions of symmetric positive definite (SPD) matrices via the symmetric eigendecomposition
 * {@code C = V diag(λ) Vᵀ}: {@code f(C) = V diag(f(λ)) Vᵀ} (pyRiemann {@code utils/base.py}: sqrtm, invsqrtm,
 * logm, expm, powm). Shapes: n×n in, n×n out.
 *
 * <p>Each function has an allocating form ({@code Spd.log(c)}) and an allocation-free form taking the output
 * and a reusable {@link SpdEigen} workspace ({@code Spd.log(c, out, ws)}) for hot loops.
 * Inputs are validated: NaN/Inf, asymmetry and (except for {@link #exp}) non-positive eigenvalues raise
 * {@link IllegalArgumentException}.
 *
 * <p>Reference: R. Bhatia, Positive Definite Matrices, Princeton University Press, 2007, ch. 6;
 * A. Barachant et al., "Multiclass brain-computer interface classification by Riemannian geometry",
 * IEEE TBME 59(4), 2012.
 */
public final class Spd {

    private Spd() {}

    /** Principal square root {@code C^{1/2} = V diag(√λ) Vᵀ}. */
    public static DMatrixRMaj sqrt(DMatrixRMaj c) {
        return sqrt(c, new DMatrixRMaj(c.numRows, c.numCols), new SpdEigen(c.numRows));
    }

    /** {@link #sqrt(DMatrixRMaj)} into {@code out}, returns {@code out}. */
    public static DMatrixRMaj sqrt(DMatrixRMaj c, DMatrixRMaj out, SpdEigen ws) {
        return power(c, 0.5, out, ws, "matrix passed to Spd.sqrt");
    }

    /** Inverse square root {@code C^{-1/2} = V diag(1/√λ) Vᵀ} (the whitening matrix of C). */
    public static DMatrixRMaj invsqrt(DMatrixRMaj c) {
        return invsqrt(c, new DMatrixRMaj(c.numRows, c.numCols), new SpdEigen(c.numRows));
    }

    /** {@link #invsqrt(DMatrixRMaj)} into {@code out}, returns {@code out}. */
    public static DMatrixRMaj invsqrt(DMatrixRMaj c, DMatrixRMaj out, SpdEigen ws) {
        return power(c, -0.5, out, ws, "matrix passed to Spd.invsqrt");
    }

    /** Principal matrix logarithm {@code log C = V diag(log λ) Vᵀ} (a symmetric matrix). */
    public static DMatrixRMaj log(DMatrixRMaj c) {
        return log(c, new DMatrixRMaj(c.numRows, c.numCols), new SpdEigen(c.numRows));
    }

    /** {@link #log(DMatrixRMaj)} into {@code out}, returns {@code out}. */
    public static DMatrixRMaj log(DMatrixRMaj c, DMatrixRMaj out, SpdEigen ws) {
        double[] f = decomposeSpd(c, ws, "matrix passed to Spd.log");
        for (int k = 0; k < f.length; k++) {
            f[k] = Math.log(f[k]);
        }
        ws.reconstruct(f, out);
        return out;
    }

    /**
     * Matrix exponential of a symmetric matrix {@code exp S = V diag(e^λ) Vᵀ} (SPD result; S need not be
     * positive definite).
     */
    public static DMatrixRMaj exp(DMatrixRMaj s) {
        return exp(s, new DMatrixRMaj(s.numRows, s.numCols), new SpdEigen(s.numRows));
    }

    /** {@link #exp(DMatrixRMaj)} into {@code out}, returns {@code out}. */
    public static DMatrixRMaj exp(DMatrixRMaj s, DMatrixRMaj out, SpdEigen ws) {
        ws.decompose(s, "matrix passed to Spd.exp");
        double[] v = ws.values();
        double[] f = ws.functionScratch();
        for (int k = 0; k < v.length; k++) {
            f[k] = Math.exp(v[k]);
        }
        ws.reconstruct(f, out);
        return out;
    }

    /** Real power {@code C^p = V diag(λ^p) Vᵀ}. */
    public static DMatrixRMaj power(DMatrixRMaj c, double p) {
        return power(c, p, new DMatrixRMaj(c.numRows, c.numCols), new SpdEigen(c.numRows));
    }

    /** {@link #power(DMatrixRMaj, double)} into {@code out}, returns {@code out}. */
    public static DMatrixRMaj power(DMatrixRMaj c, double p, DMatrixRMaj out, SpdEigen ws) {
        return power(c, p, out, ws, "matrix passed to Spd.power");
    }

    private static DMatrixRMaj power(DMatrixRMaj c, double p, DMatrixRMaj out, SpdEigen ws, String what) {
        double[] f = decomposeSpd(c, ws, what);
        for (int k = 0; k < f.length; k++) {
            f[k] = powerOf(f[k], p);
        }
        ws.reconstruct(f, out);
        return out;
    }

    /**
     * Throws {@link IllegalArgumentException} unless {@code c} is square, finite, symmetric and positive definite.
     *
     * @param what name used in the message, e.g. "covariance of epoch 3"
     */
    public static void requireSpd(DMatrixRMaj c, String what) {
        if (c.numRows != c.numCols) {
            throw new IllegalArgumentException(
                    what + " is " + c.numRows + "x" + c.numCols + ", expected a square matrix");
        }
        new SpdEigen(c.numRows).decomposeValues(c, what).requirePositive(what);
    }

    /** Congruence {@code A C Aᵀ} for any k×n matrix A and n×n C (allocates the k×k result). */
    public static DMatrixRMaj congruence(DMatrixRMaj a, DMatrixRMaj c) {
        DMatrixRMaj ac = new DMatrixRMaj(a.numRows, c.numCols);
        CommonOps_DDRM.mult(a, c, ac);
        DMatrixRMaj out = new DMatrixRMaj(a.numRows, a.numRows);
        CommonOps_DDRM.multTransB(ac, a, out);
        symmetrize(out);
        return out;
    }

    /**
     * Whitening congruence {@code out = W C W} for symmetric W (e.g. {@code W = M^{-1/2}}), allocation-free:
     * {@code tmp} is an n×n scratch matrix. Only the upper triangle is computed, then mirrored, so the result is
     * exactly symmetric.
     */
    public static DMatrixRMaj whiten(DMatrixRMaj w, DMatrixRMaj c, DMatrixRMaj out, DMatrixRMaj tmp) {
        int n = c.numRows;
        if (c.numCols != n || w.numRows != n || w.numCols != n) {
            throw new IllegalArgumentException("whitening a " + c.numRows + "x" + c.numCols + " matrix with a "
                    + w.numRows + "x" + w.numCols + " one; expected two n x n matrices");
        }
        if (out == c || out == w || tmp == c || tmp == w || out == tmp) {
            throw new IllegalArgumentException("whiten: out and tmp must be distinct from the inputs and each other");
        }
        out.reshape(n, n);
        whitenUpper(w.data, c.data, out.data, tmp.data, n);
        double[] o = out.data;
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                o[i * n + j] = o[j * n + i];
            }
        }
        return out;
    }

    /**
     * Upper triangle (j ≥ i) of {@code W C W} for symmetric n×n W and C (row-major) into {@code out} (a few entries
     * just below the diagonal may be written too); {@code tmp} receives W C. Both products are dot products of
     * rows ({@link RowProducts}), and the second forms only half the entries: 3/2 n³ multiply-adds.
     */
    static void whitenUpper(double[] w, double[] c, double[] out, double[] tmp, int n) {
        // (W C)_jk = Σ_m W_jm C_km (C symmetric), then (W C W)_ij = Σ_k W_ik (W C)_jk (W symmetric).
        RowProducts.abt(w, c, tmp, n, false, false);
        RowProducts.abt(w, tmp, out, n, false, true);
    }

    /** Replaces {@code m} by {@code (m + mᵀ)/2}. */
    public static void symmetrize(DMatrixRMaj m) {
        int n = m.numRows;
        double[] d = m.data;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double v = 0.5 * (d[i * n + j] + d[j * n + i]);
                d[i * n + j] = v;
                d[j * n + i] = v;
            }
        }
    }

    static double powerOf(double lambda, double p) {
        if (p == 0.5) {
            return Math.sqrt(lambda);
        }
        if (p == -0.5) {
            return 1.0 / Math.sqrt(lambda);
        }
        if (p == 1.0) {
            return lambda;
        }
        if (p == -1.0) {
            return 1.0 / lambda;
        }
        return Math.pow(lambda, p);
    }

    /**
     * Decomposes and checks positivity; returns the workspace's scratch array holding a copy of the eigenvalues,
     * to be transformed in place (so {@code ws.values()} stays intact).
     */
    static double[] decomposeSpd(DMatrixRMaj c, SpdEigen ws, String what) {
        ws.decompose(c, what).requirePositive(what);
        double[] f = ws.functionScratch();
        System.arraycopy(ws.values(), 0, f, 0, f.length);
        return f;
    }
}
