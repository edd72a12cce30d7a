package org.neuroloop.dsp.covariance;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link Scatter} kernel on SIMD registers (Java 17's incubating Vector API): 4×4 tiles of rows, each
 * accumulating 16 vectors of partial sums over the time axis (16 FMAs per 8 vector loads), reduced across lanes once
 * per tile; the samples past the last whole vector are added in scalar. Only loaded when the
 * {@code jdk.incubator.vector} module is present (see {@link Scatter}).
 */
final class VectorScatter implements Scatter.Kernel {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int TILE = 4;

    @Override
    public void upper(double[] x, int p, int n, double[] out) {
        for (int i = 0; i < p; i += TILE) {
            int ih = Math.min(TILE, p - i);
            for (int j = i; j < p; j += TILE) {
                int jh = Math.min(TILE, p - j);
                if (ih == TILE && jh == TILE) {
                    tile4x4(x, n, i, j, p, out);
                } else if (ih == TILE) {
                    for (int b = j; b < j + jh; b++) {
                        tile4x1(x, n, i, b, p, out);
                    }
                } else {
                    for (int a = i; a < i + ih; a++) {
                        for (int b = Math.max(j, a); b < j + jh; b++) {
                            out[a * p + b] = dot(x, a * n, b * n, n);
                        }
                    }
                }
            }
        }
    }

    private static void tile4x4(double[] x, int n, int i, int j, int p, double[] out) {
        DoubleVector s00 = DoubleVector.zero(SPECIES);
        DoubleVector s01 = s00, s02 = s00, s03 = s00, s10 = s00, s11 = s00, s12 = s00, s13 = s00;
        DoubleVector s20 = s00, s21 = s00, s22 = s00, s23 = s00, s30 = s00, s31 = s00, s32 = s00, s33 = s00;
        int a0 = i * n, a1 = a0 + n, a2 = a1 + n, a3 = a2 + n;
        int b0 = j * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
        int bound = SPECIES.loopBound(n);
        int step = SPECIES.length();
        for (int t = 0; t < bound; t += step) {
            DoubleVector x0 = DoubleVector.fromArray(SPECIES, x, a0 + t);
            DoubleVector x1 = DoubleVector.fromArray(SPECIES, x, a1 + t);
            DoubleVector x2 = DoubleVector.fromArray(SPECIES, x, a2 + t);
            DoubleVector x3 = DoubleVector.fromArray(SPECIES, x, a3 + t);
            DoubleVector y0 = DoubleVector.fromArray(SPECIES, x, b0 + t);
            DoubleVector y1 = DoubleVector.fromArray(SPECIES, x, b1 + t);
            DoubleVector y2 = DoubleVector.fromArray(SPECIES, x, b2 + t);
            DoubleVector y3 = DoubleVector.fromArray(SPECIES, x, b3 + t);
            s00 = x0.fma(y0, s00);
            s01 = x0.fma(y1, s01);
            s02 = x0.fma(y2, s02);
            s03 = x0.fma(y3, s03);
            s10 = x1.fma(y0, s10);
            s11 = x1.fma(y1, s11);
            s12 = x1.fma(y2, s12);
            s13 = x1.fma(y3, s13);
            s20 = x2.fma(y0, s20);
            s21 = x2.fma(y1, s21);
            s22 = x2.fma(y2, s22);
            s23 = x2.fma(y3, s23);
            s30 = x3.fma(y0, s30);
            s31 = x3.fma(y1, s31);
            s32 = x3.fma(y2, s32);
            s33 = x3.fma(y3, s33);
        }
        int r0 = i * p + j, r1 = r0 + p, r2 = r1 + p, r3 = r2 + p;
        out[r0] = sum(s00) + tail(x, a0, b0, bound, n);
        out[r0 + 1] = sum(s01) + tail(x, a0, b1, bound, n);
        out[r0 + 2] = sum(s02) + tail(x, a0, b2, bound, n);
        out[r0 + 3] = sum(s03) + tail(x, a0, b3, bound, n);
        out[r1] = sum(s10) + tail(x, a1, b0, bound, n);
        out[r1 + 1] = sum(s11) + tail(x, a1, b1, bound, n);
        out[r1 + 2] = sum(s12) + tail(x, a1, b2, bound, n);
        out[r1 + 3] = sum(s13) + tail(x, a1, b3, bound, n);
        out[r2] = sum(s20) + tail(x, a2, b0, bound, n);
        out[r2 + 1] = sum(s21) + tail(x, a2, b1, bound, n);
        out[r2 + 2] = sum(s22) + tail(x, a2, b2, bound, n);
        out[r2 + 3] = sum(s23) + tail(x, a2, b3, bound, n);
        out[r3] = sum(s30) + tail(x, a3, b0, bound, n);
        out[r3 + 1] = sum(s31) + tail(x, a3, b1, bound, n);
        out[r3 + 2] = sum(s32) + tail(x, a3, b2, bound, n);
        out[r3 + 3] = sum(s33) + tail(x, a3, b3, bound, n);
    }

    /** Four rows against one: the column edge of a channel count that is not a multiple of four. */
    private static void tile4x1(double[] x, int n, int i, int b, int p, double[] out) {
        DoubleVector s0 = DoubleVector.zero(SPECIES);
        DoubleVector s1 = s0, s2 = s0, s3 = s0;
        int a0 = i * n, a1 = a0 + n, a2 = a1 + n, a3 = a2 + n;
        int b0 = b * n;
        int bound = SPECIES.loopBound(n);
        int step = SPECIES.length();
        for (int t = 0; t < bound; t += step) {
            DoubleVector y = DoubleVector.fromArray(SPECIES, x, b0 + t);
            s0 = DoubleVector.fromArray(SPECIES, x, a0 + t).fma(y, s0);
            s1 = DoubleVector.fromArray(SPECIES, x, a1 + t).fma(y, s1);
            s2 = DoubleVector.fromArray(SPECIES, x, a2 + t).fma(y, s2);
            s3 = DoubleVector.fromArray(SPECIES, x, a3 + t).fma(y, s3);
        }
        out[i * p + b] = sum(s0) + tail(x, a0, b0, bound, n);
        out[(i + 1) * p + b] = sum(s1) + tail(x, a1, b0, bound, n);
        out[(i + 2) * p + b] = sum(s2) + tail(x, a2, b0, bound, n);
        out[(i + 3) * p + b] = sum(s3) + tail(x, a3, b0, bound, n);
    }

    /** Four vector accumulators: one would wait for each addition's latency. */
    @Override
    public double sum(double[] v, int from, int n) {
        DoubleVector s0 = DoubleVector.zero(SPECIES);
        DoubleVector s1 = s0, s2 = s0, s3 = s0;
        int step = SPECIES.length();
        int bound = SPECIES.loopBound(n);
        int t = 0;
        for (; t + 3 * step < bound; t += 4 * step) {
            s0 = s0.add(DoubleVector.fromArray(SPECIES, v, from + t));
            s1 = s1.add(DoubleVector.fromArray(SPECIES, v, from + t + step));
            s2 = s2.add(DoubleVector.fromArray(SPECIES, v, from + t + 2 * step));
            s3 = s3.add(DoubleVector.fromArray(SPECIES, v, from + t + 3 * step));
        }
        for (; t < bound; t += step) {
            s0 = s0.add(DoubleVector.fromArray(SPECIES, v, from + t));
        }
        double s = sum(s0.add(s1).add(s2.add(s3)));
        for (; t < n; t++) {
            s += v[from + t];
        }
        return s;
    }

    private static double dot(double[] x, int a, int b, int n) {
        DoubleVector s0 = DoubleVector.zero(SPECIES);
        DoubleVector s1 = s0;
        int step = SPECIES.length();
        int bound = SPECIES.loopBound(n);
        int t = 0;
        for (; t + step < bound; t += 2 * step) {
            s0 = DoubleVector.fromArray(SPECIES, x, a + t).fma(DoubleVector.fromArray(SPECIES, x, b + t), s0);
            s1 = DoubleVector.fromArray(SPECIES, x, a + t + step)
                    .fma(DoubleVector.fromArray(SPECIES, x, b + t + step), s1);
        }
        for (; t < bound; t += step) {
            s0 = DoubleVector.fromArray(SPECIES, x, a + t).fma(DoubleVector.fromArray(SPECIES, x, b + t), s0);
        }
        return sum(s0.add(s1)) + tail(x, a, b, bound, n);
    }

    private static double sum(DoubleVector v) {
        return v.reduceLanes(VectorOperators.ADD);
    }

    private static double tail(double[] x, int a, int b, int from, int n) {
        double s = 0;
        for (int t = from; t < n; t++) {
            s = Math.fma(x[a + t], x[b + t], s);
        }
        return s;
    }
}
