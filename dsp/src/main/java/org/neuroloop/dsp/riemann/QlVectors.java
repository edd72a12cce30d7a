package org.neuroloop.dsp.riemann;

/**
 * The implicit QL iteration with eigenvectors (EISPACK {@code tql2}, Wilkinson-type shifts) on the tridiagonal form
 * left by {@link TridiagonalQl}, rotating rows of its working matrix so that each rotation is one contiguous loop.
 */
final class QlVectors {

    private QlVectors() {}

    /** EISPACK tql2 on the kernel's (d, e), rotating rows of its z; false if QL did not converge. */
    static boolean run(TridiagonalQl k) {
        final int n = k.n;
        final double[] z = k.z;
        final double[] d = k.d;
        final double[] e = k.e;
        k.shiftSubdiagonal();
        double f = 0.0;
        double tst1 = 0.0;
        for (int l = 0; l < n; l++) {
            tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
            int m = smallSubdiagonal(e, n, l, tst1);
            if (m > l) {
                int sweeps = 0;
                do {
                    if (++sweeps > TridiagonalQl.MAX_SWEEPS) {
                        return false;
                    }
                    double g = d[l];
                    double p = (d[l + 1] - g) / (2.0 * e[l]);
                    double r = TridiagonalQl.hypot(p, 1.0);
                    if (p < 0) {
                        r = -r;
                    }
                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    double dl1 = d[l + 1];
                    double h = g - d[l];
                    for (int i = l + 2; i < n; i++) {
                        d[i] -= h;
                    }
                    f += h;
                    p = d[m];
                    double c = 1.0;
                    double c2 = c;
                    double c3 = c;
                    double el1 = e[l + 1];
                    double s = 0.0;
                    double s2 = 0.0;
                    for (int i = m - 1; i >= l; i--) {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = TridiagonalQl.hypot(p, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = c * d[i] - s * g;
                        d[i + 1] = h + s * (c * g + s * d[i]);
                        rotateRows(z, i * n, (i + 1) * n, n, c, s);
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                } while (Math.abs(e[l]) > TridiagonalQl.EPS * tst1);
            }
            d[l] += f;
            e[l] = 0.0;
        }
        return true;
    }

    private static int smallSubdiagonal(double[] e, int n, int l, double tst1) {
        int m = l;
        while (m < n) {
            if (Math.abs(e[m]) <= TridiagonalQl.EPS * tst1) {
                break;
            }
            m++;
        }
        return Math.min(m, n - 1);
    }

    /** Rows a and b of z ← [c·a − s·b ; s·a + c·b]: one loop over contiguous rows, vectorised by the JIT. */
    private static void rotateRows(double[] z, int a, int b, int n, double c, double s) {
        for (int k = 0; k < n; k++) {
            double za = z[a + k];
            double zb = z[b + k];
            z[b + k] = s * za + c * zb;
            z[a + k] = c * za - s * zb;
        }
    }
}
