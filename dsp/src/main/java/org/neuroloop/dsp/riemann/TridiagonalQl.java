package org.neuroloop.dsp.riemann;

import java.util.Arrays;

/**
 * Symmetric eigendecomposition for the small matrices of EEG (4–64 channels): Householder reduction to tridiagonal
 * form, then the implicit QL algorithm with Wilkinson-type shifts (EISPACK {@code tred2}/{@code tql2}, as in the
 * public-domain JAMA {@code EigenvalueDecomposition}). Written here instead of calling EJML's general symmetric QR
 * because the hot paths need two things it does not give: a values-only path that skips the accumulation of the
 * transformations altogether (its iteration is the root-free {@link RootFreeQl}), and vectors kept as contiguous rows
 * so each Givens rotation of the QL sweep runs as one vectorisable loop. Nothing is allocated per call. Not
 * thread-safe.
 *
 * <p>Layout: the working matrix {@code z} is row-major n×n and holds the transpose of EISPACK's V, so after
 * {@link #decompose(boolean)} row k of {@code z} is the unit eigenvector of eigenvalue {@code d[k]}. Input: the
 * upper triangle (j ≥ i) of the symmetric matrix in {@code z}; the input is scaled by its largest entry first so
 * the squared sums inside cannot overflow or underflow.
 *
 * <p>Reference: R. S. Martin, C. Reinsch, J. H. Wilkinson, "Householder's tridiagonalization of a symmetric
 * matrix", Numer. Math. 11, 1968; H. Bowdler et al., "The QR and QL algorithms for symmetric matrices", Numer.
 * Math. 11, 1968.
 */
final class TridiagonalQl {

    static final double EPS = Math.ulp(1.0);
    /** QL sweeps allowed per eigenvalue before giving up (LAPACK allows 30). */
    static final int MAX_SWEEPS = 30;

    final int n;
    /** Working matrix, row-major; eigenvectors as rows after a decomposition with vectors. */
    final double[] z;
    /** Eigenvalues after a decomposition (unordered). */
    final double[] d;

    final double[] e;
    /** State of the values-only iteration ({@link RootFreeQl}), allocated once. */
    final RootFreeQl.Chain chain;

    private double scale = 1.0;

    TridiagonalQl(int n) {
        this.n = n;
        this.z = new double[n * n];
        this.d = new double[n];
        this.e = new double[n];
        this.chain = new RootFreeQl.Chain(this);
    }

    /**
     * Decomposes the symmetric matrix whose upper triangle is in {@link #z}; returns false if QL did not converge.
     *
     * @param vectors also compute the eigenvectors (rows of {@link #z}); otherwise {@link #z} is left as scratch
     */
    boolean decompose(boolean vectors) {
        if (!reduce(vectors)) {
            return true;
        }
        boolean ok = vectors ? QlVectors.run(this) : RootFreeQl.run(this);
        rescale();
        return ok;
    }

    /**
     * Eigenvalues only of two matrices at once (each loaded into its {@link #z}): the two QL iterations run
     * interleaved ({@link RootFreeQl}), so the dependency chain of one overlaps the other's. Same results as
     * {@link #decompose(boolean) decompose(false)} on each.
     */
    static boolean decomposeValues(TridiagonalQl a, TridiagonalQl b) {
        boolean fullA = a.reduce(false);
        boolean fullB = b.reduce(false);
        boolean ok;
        if (fullA && fullB && a.n == b.n) {
            ok = RootFreeQl.run(a, b);
        } else {
            ok = (!fullA || RootFreeQl.run(a)) & (!fullB || RootFreeQl.run(b));
        }
        if (fullA) {
            a.rescale();
        }
        if (fullB) {
            b.rescale();
        }
        return ok;
    }

    /** Scales and tridiagonalises; false when the result is already final (n = 1 or a zero matrix). */
    private boolean reduce(boolean vectors) {
        if (n == 1) {
            d[0] = z[0];
            z[0] = 1.0;
            return false;
        }
        double scale = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i * n + i; j < (i + 1) * n; j++) {
                scale = Math.max(scale, Math.abs(z[j]));
            }
        }
        if (scale == 0) {
            Arrays.fill(d, 0.0);
            if (vectors) {
                identity();
            }
            return false;
        }
        this.scale = scale;
        double inv = 1.0 / scale;
        for (int i = 0; i < n; i++) {
            for (int j = i * n + i; j < (i + 1) * n; j++) {
                z[j] *= inv;
            }
        }
        tridiagonalize(vectors);
        return true;
    }

    private void rescale() {
        for (int k = 0; k < n; k++) {
            d[k] *= scale;
        }
    }

    private void identity() {
        Arrays.fill(z, 0.0);
        for (int i = 0; i < n; i++) {
            z[i * n + i] = 1.0;
        }
    }

    /**
     * EISPACK tred2 with every V[a][b] read as z[b][a]: all inner loops run along rows of z. Leaves the diagonal in
     * d, the subdiagonal in e[1..n-1] and, when {@code vectors}, the orthogonal transformation Qᵀ in z.
     */
    private void tridiagonalize(boolean vectors) {
        final int n = this.n;
        final double[] z = this.z;
        final double[] d = this.d;
        final double[] e = this.e;
        for (int j = 0; j < n; j++) {
            d[j] = z[j * n + n - 1];
        }
        for (int i = n - 1; i > 0; i--) {
            double scale = 0.0;
            double h = 0.0;
            for (int k = 0; k < i; k++) {
                scale += Math.abs(d[k]);
            }
            if (scale == 0.0) {
                e[i] = d[i - 1];
                for (int j = 0; j < i; j++) {
                    d[j] = z[j * n + i - 1];
                    z[j * n + i] = 0.0;
                    z[i * n + j] = 0.0;
                }
            } else {
                double invScale = 1.0 / scale;
                for (int k = 0; k < i; k++) {
                    d[k] *= invScale;
                    h += d[k] * d[k];
                }
                double f = d[i - 1];
                double g = Math.sqrt(h);
                if (f > 0) {
                    g = -g;
                }
                e[i] = scale * g;
                h -= f * g;
                d[i - 1] = f - g;
                Arrays.fill(e, 0, i, 0.0);
                // p = A u over the leading i×i block, using its upper triangle only (z[j][k], k ≥ j).
                for (int j = 0; j < i; j++) {
                    f = d[j];
                    z[i * n + j] = f;
                    int row = j * n;
                    g = e[j] + z[row + j] * f;
                    for (int k = j + 1; k < i; k++) {
                        double a = z[row + k];
                        g += a * d[k];
                        e[k] += a * f;
                    }
                    e[j] = g;
                }
                f = 0.0;
                double invH = 1.0 / h;
                for (int j = 0; j < i; j++) {
                    e[j] *= invH;
                    f += e[j] * d[j];
                }
                double hh = f / (h + h);
                for (int j = 0; j < i; j++) {
                    e[j] -= hh * d[j];
                }
                // Rank-two update A ← A − u qᵀ − q uᵀ of the upper triangle.
                for (int j = 0; j < i; j++) {
                    f = d[j];
                    g = e[j];
                    int row = j * n;
                    for (int k = j; k < i; k++) {
                        z[row + k] -= f * e[k] + g * d[k];
                    }
                    d[j] = z[row + i - 1];
                    z[row + i] = 0.0;
                }
            }
            d[i] = h;
        }
        if (vectors) {
            accumulate();
        } else {
            for (int j = 0; j < n; j++) {
                d[j] = z[j * n + j];
            }
        }
        e[0] = 0.0;
    }

    /** Forms Qᵀ from the stored Householder vectors (tred2's accumulation loop). */
    private void accumulate() {
        final int n = this.n;
        final double[] z = this.z;
        final double[] d = this.d;
        for (int i = 0; i < n - 1; i++) {
            z[i * n + n - 1] = z[i * n + i];
            z[i * n + i] = 1.0;
            double h = d[i + 1];
            int u = (i + 1) * n;
            if (h != 0.0) {
                for (int k = 0; k <= i; k++) {
                    d[k] = z[u + k] / h;
                }
                for (int j = 0; j <= i; j++) {
                    int row = j * n;
                    double g = RowProducts.dot(z, u, z, row, i + 1);
                    for (int k = 0; k <= i; k++) {
                        z[row + k] -= g * d[k];
                    }
                }
            }
            Arrays.fill(z, u, u + i + 1, 0.0);
        }
        for (int j = 0; j < n; j++) {
            d[j] = z[j * n + n - 1];
            z[j * n + n - 1] = 0.0;
        }
        z[(n - 1) * n + n - 1] = 1.0;
    }

    void shiftSubdiagonal() {
        System.arraycopy(e, 1, e, 0, n - 1);
        e[n - 1] = 0.0;
    }

    /** √(a² + b²) without the cost of {@link Math#hypot} in the common range (inputs are scaled to ≤ 1). */
    static double hypot(double a, double b) {
        double s = a * a + b * b;
        if (s > 1e-290 && s < 1e290) {
            return Math.sqrt(s);
        }
        return Math.hypot(a, b);
    }
}
