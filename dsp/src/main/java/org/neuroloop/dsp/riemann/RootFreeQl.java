package org.neuroloop.dsp.riemann;

/**
 * Eigenvalues only of a symmetric tridiagonal matrix by the root-free implicit QL iteration of Pal, Walker and
 * Kahan, as LAPACK's {@code dsterf} does it: the iteration works on the squares of the off-diagonal, so a step
 * needs no square root, and the relative test {@code e_m² ≤ ε² |d_m d_{m+1}|} splits the matrix, which keeps small
 * eigenvalues accurate to their own size. One step is a chain of dependent operations that keeps the core waiting;
 * here the chain is an addition, one division (the other of a step runs beside it: {@code 1/c = r/p} is formed
 * from {@code r} at the same time as {@code 1/r}) and four multiplications, against a square root, two divisions
 * and four multiplications in EISPACK's {@code tql2}. {@link #run(TridiagonalQl, TridiagonalQl)} steps two
 * matrices in the same loop so that the processor overlaps their chains (MDM needs one such problem per class).
 * Both forms do exactly the same arithmetic per matrix, so they give the same eigenvalues.
 *
 * <p>Reference: LAPACK 3.12 {@code dsterf}; B. N. Parlett, "The Symmetric Eigenvalue Problem", SIAM 1998, §8.15.
 */
final class RootFreeQl {

    private static final double EPS2 = TridiagonalQl.EPS * TridiagonalQl.EPS;

    private RootFreeQl() {}

    /** Eigenvalues of the reduced (d, e) of one kernel into its d; false if the iteration did not converge. */
    static boolean run(TridiagonalQl a) {
        Chain x = a.chain.reset();
        while (x.nextSweep()) {
            x.beginSweep();
            sweepOne(x, x.m - 1);
            x.endSweep();
        }
        return !x.failed;
    }

    /** Runs both iterations on (d, e) of two reduced kernels of the same size; false if either did not converge. */
    static boolean run(TridiagonalQl a, TridiagonalQl b) {
        Chain x = a.chain.reset();
        Chain y = b.chain.reset();
        boolean moreX = x.nextSweep();
        boolean moreY = y.nextSweep();
        while (moreX && moreY) {
            x.beginSweep();
            y.beginSweep();
            sweepBoth(x, y);
            x.endSweep();
            y.endSweep();
            moreX = x.nextSweep();
            moreY = y.nextSweep();
        }
        Chain rest = moreX ? x : y;
        if (moreX || moreY) {
            do {
                rest.beginSweep();
                sweepOne(rest, rest.m - 1);
                rest.endSweep();
            } while (rest.nextSweep());
        }
        return !x.failed && !y.failed;
    }

    /** Steps i = m−1 down to l of both chains, interleaved while both have steps left. */
    private static void sweepBoth(Chain x, Chain y) {
        double[] dx = x.d;
        double[] ex = x.e;
        double[] dy = y.d;
        double[] ey = y.e;
        double sigmaX = x.sigma;
        double sigmaY = y.sigma;
        double px = x.p;
        double cx = x.c;
        double sx = x.s;
        double gammaX = x.gamma;
        double py = y.p;
        double cy = y.c;
        double sy = y.s;
        double gammaY = y.gamma;
        int ix = x.m - 1;
        int iy = y.m - 1;
        while (ix >= x.l && iy >= y.l) {
            double bx = ex[ix];
            double rx = px + bx;
            ex[ix + 1] = sx * rx;
            double oldCx = cx;
            double invX = 1.0 / rx;
            cx = px * invX;
            double qx = rx / px;
            sx = bx * invX;
            double oldGammaX = gammaX;
            double ax = dx[ix];
            gammaX = cx * (ax - sigmaX) - sx * oldGammaX;
            dx[ix + 1] = oldGammaX + (ax - gammaX);
            px = cx != 0 ? gammaX * gammaX * qx : oldCx * bx;

            double by = ey[iy];
            double ry = py + by;
            ey[iy + 1] = sy * ry;
            double oldCy = cy;
            double invY = 1.0 / ry;
            cy = py * invY;
            double qy = ry / py;
            sy = by * invY;
            double oldGammaY = gammaY;
            double ay = dy[iy];
            gammaY = cy * (ay - sigmaY) - sy * oldGammaY;
            dy[iy + 1] = oldGammaY + (ay - gammaY);
            py = cy != 0 ? gammaY * gammaY * qy : oldCy * by;
            ix--;
            iy--;
        }
        x.store(px, cx, sx, gammaX);
        y.store(py, cy, sy, gammaY);
        sweepOne(x, ix);
        sweepOne(y, iy);
    }

    /** Steps i = from down to l of one chain (dsterf's inner loop). */
    private static void sweepOne(Chain x, int from) {
        double[] d = x.d;
        double[] e = x.e;
        double sigma = x.sigma;
        double p = x.p;
        double c = x.c;
        double s = x.s;
        double gamma = x.gamma;
        for (int i = from; i >= x.l; i--) {
            double b = e[i];
            double r = p + b;
            // At i = m − 1 this writes s·r = 0 into e[m], which is zero already.
            e[i + 1] = s * r;
            double oldC = c;
            double inv = 1.0 / r;
            c = p * inv;
            double q = r / p;
            s = b * inv;
            double oldGamma = gamma;
            double a = d[i];
            gamma = c * (a - sigma) - s * oldGamma;
            d[i + 1] = oldGamma + (a - gamma);
            p = c != 0 ? gamma * gamma * q : oldC * b;
        }
        x.store(p, c, s, gamma);
    }

    /** The state of one iteration between sweeps, allocated once per kernel. */
    static final class Chain {
        private final TridiagonalQl kernel;
        final int n;
        final double[] d;
        /** Squares of the off-diagonal: e[i] couples d[i] and d[i + 1]; e[n − 1] stays 0. */
        final double[] e;
        /** First row of the unreduced block being swept, and its last row. */
        int l;

        int m;
        /** Sweeps done in all (dsterf allows 30 per eigenvalue, counted together). */
        int sweeps;

        boolean failed;
        double sigma;
        double p;
        double c;
        double s;
        double gamma;

        Chain(TridiagonalQl k) {
            this.kernel = k;
            this.n = k.n;
            this.d = k.d;
            this.e = k.e;
        }

        /** Starts on the kernel's freshly reduced (d, e): moves e down to e[0..n−2] and squares it. */
        Chain reset() {
            kernel.shiftSubdiagonal();
            for (int i = 0; i < n - 1; i++) {
                e[i] *= e[i];
            }
            l = 0;
            m = 0;
            sweeps = 0;
            failed = false;
            return this;
        }

        /**
         * Finds the next unreduced block [l, m] that needs a sweep, accepting converged eigenvalues and solving 2×2
         * blocks directly on the way. Returns false when all eigenvalues are done or the sweeps ran out.
         */
        boolean nextSweep() {
            while (l < n) {
                int mm = l;
                while (mm < n - 1 && !(e[mm] <= EPS2 * Math.abs(d[mm] * d[mm + 1]))) {
                    mm++;
                }
                e[mm] = 0.0;
                if (mm == l) {
                    l++;
                } else if (mm == l + 1) {
                    twoByTwo(l);
                    l += 2;
                } else if (++sweeps > TridiagonalQl.MAX_SWEEPS * n) {
                    failed = true;
                    return false;
                } else {
                    m = mm;
                    return true;
                }
            }
            return false;
        }

        /** The Wilkinson-type shift from the leading 2×2 of the block and the start values of one sweep. */
        void beginSweep() {
            double p0 = d[l];
            double rte = Math.sqrt(e[l]);
            double g = (d[l + 1] - p0) / (2.0 * rte);
            double r = TridiagonalQl.hypot(g, 1.0);
            sigma = p0 - rte / (g + Math.copySign(r, g));
            c = 1.0;
            s = 0.0;
            gamma = d[m] - sigma;
            p = gamma * gamma;
        }

        void store(double p, double c, double s, double gamma) {
            this.p = p;
            this.c = c;
            this.s = s;
            this.gamma = gamma;
        }

        void endSweep() {
            e[l] = s * p;
            d[l] = sigma + gamma;
        }

        /** Eigenvalues of [[d_l, b], [b, d_{l+1}]] with b² = e[l] (LAPACK {@code dlae2}). */
        private void twoByTwo(int l) {
            double a = d[l];
            double cc = d[l + 1];
            double b = Math.sqrt(e[l]);
            double sm = a + cc;
            double adf = Math.abs(a - cc);
            double ab = Math.abs(b + b);
            double acmx = Math.abs(a) > Math.abs(cc) ? a : cc;
            double acmn = Math.abs(a) > Math.abs(cc) ? cc : a;
            double rt;
            if (adf > ab) {
                double t = ab / adf;
                rt = adf * Math.sqrt(1.0 + t * t);
            } else if (adf < ab) {
                double t = adf / ab;
                rt = ab * Math.sqrt(1.0 + t * t);
            } else {
                rt = ab * Math.sqrt(2.0);
            }
            double rt1;
            double rt2;
            if (sm != 0) {
                rt1 = 0.5 * (sm < 0 ? sm - rt : sm + rt);
                rt2 = (acmx / rt1) * acmn - (b / rt1) * b;
            } else {
                rt1 = 0.5 * rt;
                rt2 = -0.5 * rt;
            }
            d[l] = rt1;
            d[l + 1] = rt2;
            e[l] = 0.0;
        }
    }
}
