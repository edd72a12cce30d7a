package org.neuroloop.dsp.riemann;

import java.util.Arrays;

/**
 * Whitening by a Cholesky factor: for SPD {@code M = L Lᵀ} and {@code R = L⁻¹}, the congruence
 * {@code A = R C Rᵀ} has the eigenvalues of the generalised problem {@code C v = λ M v} (those of
 * {@code M^{-1/2} C M^{-1/2}}, to which it is orthogonally similar), at 2/3 n³ multiply-adds against 3/2 n³ for the
 * symmetric square root: R is triangular and only the upper half of A is formed. The Riemannian distance and the
 * Riemannian mean's gradient depend on C only through such similarity invariants, so they use this form.
 *
 * <p>All arrays are row-major n×n. {@link #factor} fills L, R and Rᵀ; afterwards the factor is read-only, so one
 * instance serves many threads that each pass their own scratch array to {@link #congruenceUpper}.
 */
final class CholeskyWhitening {

    private final int n;
    /** L, lower triangular (upper part zero). */
    final double[] l;
    /** R = L⁻¹, lower triangular. */
    private final double[] r;
    /** Rᵀ, upper triangular, so the first product streams along its rows. */
    private final double[] rt;

    CholeskyWhitening(int n) {
        this.n = n;
        this.l = new double[n * n];
        this.r = new double[n * n];
        this.rt = new double[n * n];
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
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                rt[j * n + i] = r[i * n + j];
            }
        }
    }

    /**
     * Upper triangle (j ≥ i) of {@code R C Rᵀ} into {@code out} for symmetric {@code c}; the lower triangle of
     * {@code out} is left as is. {@code scratch} (n², distinct from both) receives {@code C Rᵀ}.
     */
    void congruenceUpper(double[] c, double[] out, double[] scratch) {
        final int n = this.n;
        // B = C Rᵀ: row k of B accumulates C_km times row m of Rᵀ, which is non-zero from column m on.
        for (int k = 0; k < n; k++) {
            int rk = k * n;
            Arrays.fill(scratch, rk, rk + n, 0.0);
            for (int m = 0; m < n; m++) {
                double a = c[rk + m];
                int rm = m * n;
                for (int j = m; j < n; j++) {
                    scratch[rk + j] += a * rt[rm + j];
                }
            }
        }
        // (R B)_ij for j ≥ i: R is lower triangular, so k runs to i only.
        for (int i = 0; i < n; i++) {
            int ri = i * n;
            Arrays.fill(out, ri + i, ri + n, 0.0);
            for (int k = 0; k <= i; k++) {
                double a = r[ri + k];
                int rk = k * n;
                for (int j = i; j < n; j++) {
                    out[ri + j] += a * scratch[rk + j];
                }
            }
        }
    }

    /** {@code out = L S Lᵀ} for symmetric {@code s}, full and exactly symmetric; {@code scratch} receives L S. */
    void unwhiten(double[] s, double[] out, double[] scratch) {
        final int n = this.n;
        for (int i = 0; i < n; i++) {
            int ri = i * n;
            Arrays.fill(scratch, ri, ri + n, 0.0);
            for (int k = 0; k <= i; k++) {
                double a = l[ri + k];
                int rk = k * n;
                for (int j = 0; j < n; j++) {
                    scratch[ri + j] += a * s[rk + j];
                }
            }
        }
        // (L S Lᵀ)_ij = Σ_{k ≤ j} (L S)_ik L_jk: dot products over the short rows of L.
        for (int i = 0; i < n; i++) {
            int ri = i * n;
            for (int j = i; j < n; j++) {
                int rj = j * n;
                double v = 0;
                for (int k = 0; k <= j; k++) {
                    v += scratch[ri + k] * l[rj + k];
                }
                out[ri + j] = v;
                out[rj + i] = v;
            }
        }
    }
}
