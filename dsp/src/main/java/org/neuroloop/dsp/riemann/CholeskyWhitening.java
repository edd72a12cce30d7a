package org.neuroloop.dsp.riemann;

import java.util.Arrays;

/**
 * Whitening by a Cholesky factor: for SPD {@code M = L Lᵀ} and {@code R = L⁻¹}, the congruence
 * {@code A = R C Rᵀ} has the eigenvalues of the generalised problem {@code C v = λ M v} (those of
 * {@code M^{-1/2} C M^{-1/2}}, to which it is orthogonally similar), at 2/3 n³ multiply-adds against 3/2 n³ for the
 * symmetric square root: R is triangular and only the upper half of A is formed. The Riemannian distance and the
 * Riemannian mean's gradient depend on C only through such similarity invariants, so they use this form.
 *
 * <p>All arrays are row-major n×n. {@link #factor} fills L and R; afterwards the factor is read-only, so one
 * instance serves many threads that each pass their own scratch array to {@link #congruenceUpper}.
 */
final class CholeskyWhitening {

    private final int n;
    /** L, lower triangular (upper part zero). */
    final double[] l;
    /** R = L⁻¹, lower triangular. */
    private final double[] r;

    CholeskyWhitening(int n) {
        this.n = n;
        this.l = new double[n * n];
        this.r = new double[n * n];
    }

    int size() {
        return n;
    }

    /**
     * Factors the symmetric matrix {@code m} (its lower triangle is read); returns false unless it is positive
     * definite (a pivot ≤ 0 or not finite).
     */
    boolean factor(double[] m) {
        Arrays.fill(l, 0.0);
        for (int i = 0; i < n; i++) {
            int ri = i * n;
            for (int j = 0; j <= i; j++) {
                int rj = j * n;
                double s = m[ri + j];
                for (int k = 0; k < j; k++) {
                    s -= l[ri + k] * l[rj + k];
                }
                if (i == j) {
                    if (!(s > 0) || !Double.isFinite(s)) {
                        return false;
                    }
                    l[ri + i] = Math.sqrt(s);
                } else {
                    l[ri + j] = s / l[rj + j];
                }
            }
        }
        invert();
        return true;
    }

    /** R = L⁻¹ row by row: row i of R is (e_i − Σ_{k<i} L_ik row k of R) / L_ii. */
    private void invert() {
        Arrays.fill(r, 0.0);
        for (int i = 0; i < n; i++) {
            int ri = i * n;
            for (int k = 0; k < i; k++) {
                double a = l[ri + k];
                int rk = k * n;
                for (int j = 0; j <= k; j++) {
                    r[ri + j] -= a * r[rk + j];
                }
            }
            r[ri + i] += 1.0;
            double inv = 1.0 / l[ri + i];
            for (int j = 0; j <= i; j++) {
                r[ri + j] *= inv;
            }
        }
    }

    /**
     * Upper triangle (j ≥ i) of {@code R C Rᵀ} into {@code out} for symmetric {@code c}; of the lower triangle of
     * {@code out}, a few entries next to the diagonal may be overwritten, the rest is left as is. {@code scratch}
     * (n², distinct from both) receives {@code R C}.
     */
    void congruenceUpper(double[] c, double[] out, double[] scratch) {
        // (R C)_jk = Σ_{m ≤ j} R_jm C_km (C symmetric), then (R C Rᵀ)_ij = Σ_{k ≤ i} R_ik (R C)_jk.
        RowProducts.abt(r, c, scratch, n, true, false);
        RowProducts.abt(r, scratch, out, n, true, true);
    }

    /** {@code out = L S Lᵀ} for symmetric {@code s}, full and exactly symmetric; {@code scratch} receives L S. */
    void unwhiten(double[] s, double[] out, double[] scratch) {
        RowProducts.abt(l, s, scratch, n, true, false);
        RowProducts.abt(l, scratch, out, n, true, true);
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                out[i * n + j] = out[j * n + i];
            }
        }
    }
}
