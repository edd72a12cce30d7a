package org.neuroloop.dsp.riemann;

/**
 * The implicit QL iteration with eigenvectors (EISPACK {@code tql2}, Wilkinson-type shifts) on the tridiagonal
 * form left by {@link TridiagonalQl}, rotating rows of its working matrix. One QL step is a chain of dependent
 * operations (a square root, two divisions, a few multiply-adds) that keeps the core waiting for tens of cycles;
 * {@link #run(TridiagonalQl, TridiagonalQl)} steps two independent matrices in the same loop so the processor
 * overlaps the two chains and their rotations (the tangent space projects its matrices two at a time). Both forms
 * do exactly the same arithmetic per matrix, so they give the same eigenpairs.
 */
final class QlVectors {

    private QlVectors() {}

    /** Eigenpairs of the reduced (d, e, z) of one kernel; false if QL did not converge. */
    static boolean run(TridiagonalQl a) {
        Chain x = a.vectorChain.reset();
        while (x.nextSweep()) {
            if (x.failed) {
                return false;
            }
            x.beginSweep();
            sweepOne(x, x.m - 1, x.l);
            x.endSweep();
        }
        return !x.failed;
    }

    /** Runs both iterations on (d, e) of two reduced kernels of the same size; false if either did not converge. */
    static boolean run(TridiagonalQl a, TridiagonalQl b) {
        Chain x = a.vectorChain.reset();
        Chain y = b.vectorChain.reset();
        boolean moreX = x.nextSweep();
        boolean moreY = y.nextSweep();
        while (moreX || moreY) {
            if (x.failed || y.failed) {
                return false;
            }
            if (moreX && moreY) {
                x.beginSweep();
                y.beginSweep();
                sweepBoth(x, y);
                x.endSweep();
                y.endSweep();
            } else if (moreX) {
                x.beginSweep();
                sweepOne(x, x.m - 1, x.l);
                x.endSweep();
            } else {
                y.beginSweep();
                sweepOne(y, y.m - 1, y.l);
                y.endSweep();
            }
            moreX = moreX && x.nextSweep();
            moreY = moreY && y.nextSweep();
        }
        return !x.failed && !y.failed;
    }

    /** Steps i = m−1 down to l of both chains, interleaved while both have steps left. */
    private static void sweepBoth(Chain x, Chain y) {
        double[] dx = x.d;
        double[] ex = x.e;
        double[] zx = x.z;
        double[] dy = y.d;
        double[] ey = y.e;
        double[] zy = y.z;
        int n = x.n;
        double px = x.p;
        double cx = x.c;
        double sx = x.s;
        double c2x = x.c2;
        double c3x = x.c3;
        double s2x = x.s2;
        double py = y.p;
        double cy = y.c;
        double sy = y.s;
        double c2y = y.c2;
        double c3y = y.c3;
        double s2y = y.s2;
        int ix = x.m - 1;
        int iy = y.m - 1;
        while (ix >= x.l && iy >= y.l) {
            c3x = c2x;
            c2x = cx;
            s2x = sx;
            double gx = cx * ex[ix];
            double hx = cx * px;
            double rx = TridiagonalQl.hypot(px, ex[ix]);
            ex[ix + 1] = sx * rx;
            sx = ex[ix] / rx;
            cx = px / rx;
            px = cx * dx[ix] - sx * gx;
            dx[ix + 1] = hx + sx * (cx * gx + sx * dx[ix]);
            rotateRows(zx, ix * n, (ix + 1) * n, n, cx, sx);

            c3y = c2y;
            c2y = cy;
            s2y = sy;
            double gy = cy * ey[iy];
            double hy = cy * py;
            double ry = TridiagonalQl.hypot(py, ey[iy]);
            ey[iy + 1] = sy * ry;
            sy = ey[iy] / ry;
            cy = py / ry;
            py = cy * dy[iy] - sy * gy;
            dy[iy + 1] = hy + sy * (cy * gy + sy * dy[iy]);
            rotateRows(zy, iy * n, (iy + 1) * n, n, cy, sy);
            ix--;
            iy--;
        }
        x.store(px, cx, sx, c2x, c3x, s2x);
        y.store(py, cy, sy, c2y, c3y, s2y);
        sweepOne(x, ix, x.l);
        sweepOne(y, iy, y.l);
    }

    /** Steps i = from down to l of one chain. */
    private static void sweepOne(Chain x, int from, int l) {
        double[] d = x.d;
        double[] e = x.e;
        double[] z = x.z;
        int n = x.n;
        double p = x.p;
        double c = x.c;
        double s = x.s;
        double c2 = x.c2;
        double c3 = x.c3;
        double s2 = x.s2;
        for (int i = from; i >= l; i--) {
            c3 = c2;
            c2 = c;
            s2 = s;
            double g = c * e[i];
            double h = c * p;
            double r = TridiagonalQl.hypot(p, e[i]);
            e[i + 1] = s * r;
            s = e[i] / r;
            c = p / r;
            p = c * d[i] - s * g;
            d[i + 1] = h + s * (c * g + s * d[i]);
            rotateRows(z, i * n, (i + 1) * n, n, c, s);
        }
        x.store(p, c, s, c2, c3, s2);
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

    /** The state of one QL iteration between sweeps (the loop variables of {@code tql2}), reused per kernel. */
    static final class Chain {
        private final TridiagonalQl kernel;
        final int n;
        final double[] d;
        final double[] e;
        /** Eigenvectors as rows. */
        final double[] z;

        int l;
        int m;
        int sweeps;
        double f;
        double tst1;
        boolean failed;
        double p;
        double c;
        double s;
        double c2;
        double c3;
        double s2;
        double el1;
        double dl1;

        Chain(TridiagonalQl k) {
            this.kernel = k;
            this.n = k.n;
            this.d = k.d;
            this.e = k.e;
            this.z = k.z;
        }

        /** Starts on the kernel's freshly reduced (d, e). */
        Chain reset() {
            kernel.shiftSubdiagonal();
            l = -1;
            m = 0;
            sweeps = 0;
            f = 0.0;
            tst1 = 0.0;
            failed = false;
            return this;
        }

        /**
         * Moves on to the next sweep: stays on eigenvalue l while |e[l]| is not negligible, otherwise finishes it and
         * finds the next l that needs sweeps. Returns false when all eigenvalues are done.
         */
        boolean nextSweep() {
            if (l >= 0 && m > l && Math.abs(e[l]) > TridiagonalQl.EPS * tst1) {
                if (++sweeps > TridiagonalQl.MAX_SWEEPS) {
                    failed = true;
                }
                return true;
            }
            if (l >= 0) {
                d[l] += f;
                e[l] = 0.0;
            }
            while (++l < n) {
                tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
                int mm = l;
                while (mm < n && Math.abs(e[mm]) > TridiagonalQl.EPS * tst1) {
                    mm++;
                }
                m = Math.min(mm, n - 1);
                if (m > l) {
                    sweeps = 1;
                    return true;
                }
                d[l] += f;
                e[l] = 0.0;
            }
            return false;
        }

        /** The shift and the start values of one sweep. */
        void beginSweep() {
            double g = d[l];
            double pp = (d[l + 1] - g) / (2.0 * e[l]);
            double r = TridiagonalQl.hypot(pp, 1.0);
            if (pp < 0) {
                r = -r;
            }
            d[l] = e[l] / (pp + r);
            d[l + 1] = e[l] * (pp + r);
            dl1 = d[l + 1];
            double h = g - d[l];
            for (int i = l + 2; i < n; i++) {
                d[i] -= h;
            }
            f += h;
            p = d[m];
            c = 1.0;
            c2 = 1.0;
            c3 = 1.0;
            el1 = e[l + 1];
            s = 0.0;
            s2 = 0.0;
        }

        void store(double p, double c, double s, double c2, double c3, double s2) {
            this.p = p;
            this.c = c;
            this.s = s;
            this.c2 = c2;
            this.c3 = c3;
            this.s2 = s2;
        }

        void endSweep() {
            double pp = -s * s2 * c3 * el1 * e[l] / dl1;
            e[l] = s * pp;
            d[l] = c * pp;
        }
    }
}
