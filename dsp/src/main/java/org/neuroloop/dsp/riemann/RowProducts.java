package org.neuroloop.dsp.riemann;

/**
 * Products {@code X = A Bᵀ} of small row-major n×n matrices, each entry a dot product of a row of A with a row of
 * B. Both rows are contiguous, and the entries are formed in 2×2 blocks with four independent fused multiply-adds
 * per step: for the 4–64 channels of EEG this beats row updates ({@code axpy}), whose short and ragged inner loops
 * the JIT cannot keep on vector registers. The symmetric congruences build on it: {@code W C W = W (W C)ᵀ} for
 * symmetric W and C, and {@code R C Rᵀ = R (R C)ᵀ} for triangular R.
 */
final class RowProducts {

    private RowProducts() {}

    /**
     * {@code out[i][j] = Σ_{k < len_i} a[i][k] b[j][k]}, where {@code len_i = n} or, when {@code lowerA}, {@code i + 1}
     * (A lower triangular: the entries right of its diagonal are not read). With {@code upper}, only j ≥ i is
     * guaranteed (a few entries just below the diagonal may be written too); otherwise all n² entries.
     */
    static void abt(double[] a, double[] b, double[] out, int n, boolean lowerA, boolean upper) {
        int i = 0;
        for (; i + 1 < n; i += 2) {
            int ai = i * n;
            int len0 = lowerA ? i + 1 : n;
            int j = upper ? i : 0;
            for (; j + 1 < n; j += 2) {
                int bj = j * n;
                double x00 = 0;
                double x01 = 0;
                double x10 = 0;
                double x11 = 0;
                for (int k = 0; k < len0; k++) {
                    double a0 = a[ai + k];
                    double a1 = a[ai + n + k];
                    double b0 = b[bj + k];
                    double b1 = b[bj + n + k];
                    x00 = Math.fma(a0, b0, x00);
                    x01 = Math.fma(a0, b1, x01);
                    x10 = Math.fma(a1, b0, x10);
                    x11 = Math.fma(a1, b1, x11);
                }
                if (lowerA) {
                    // Row i + 1 of a triangular A has one more entry.
                    double a1 = a[ai + n + i + 1];
                    x10 = Math.fma(a1, b[bj + i + 1], x10);
                    x11 = Math.fma(a1, b[bj + n + i + 1], x11);
                }
                out[ai + j] = x00;
                out[ai + j + 1] = x01;
                out[ai + n + j] = x10;
                out[ai + n + j + 1] = x11;
            }
            if (j < n) {
                out[ai + j] = dot(a, ai, b, j * n, len0);
                out[ai + n + j] = dot(a, ai + n, b, j * n, lowerA ? i + 2 : n);
            }
        }
        if (i < n) {
            int ai = i * n;
            int len = lowerA ? i + 1 : n;
            for (int j = upper ? i : 0; j < n; j++) {
                out[ai + j] = dot(a, ai, b, j * n, len);
            }
        }
    }

    /** {@code Σ_{k < len} a[ai + k] b[bj + k]} on four partial sums, so the additions do not wait on each other. */
    static double dot(double[] a, int ai, double[] b, int bj, int len) {
        double x0 = 0;
        double x1 = 0;
        double x2 = 0;
        double x3 = 0;
        int k = 0;
        for (; k + 3 < len; k += 4) {
            x0 = Math.fma(a[ai + k], b[bj + k], x0);
            x1 = Math.fma(a[ai + k + 1], b[bj + k + 1], x1);
            x2 = Math.fma(a[ai + k + 2], b[bj + k + 2], x2);
            x3 = Math.fma(a[ai + k + 3], b[bj + k + 3], x3);
        }
        for (; k < len; k++) {
            x0 = Math.fma(a[ai + k], b[bj + k], x0);
        }
        return (x0 + x1) + (x2 + x3);
    }
}
