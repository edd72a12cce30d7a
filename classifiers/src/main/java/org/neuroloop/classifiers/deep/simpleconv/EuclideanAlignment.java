package org.neuroloop.classifiers.deep.simpleconv;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.neuroloop.dsp.riemann.Spd;

/**
 * Euclidean alignment (He and Wu 2020, IEEE TBME 67(2)): a subject's epochs X are replaced by {@code R^{-1/2} X}
 * with R the arithmetic mean of their sample covariances {@code X Xᵀ / T}. Labels are not used, so a new subject is
 * aligned from its own unlabelled trials; afterwards every subject's mean covariance is the identity, which is what
 * lets one network serve many subjects.
 */
public final class EuclideanAlignment {

    /** Ridge added to R, relative to its mean eigenvalue, so rank-deficient data (few trials, CAR) stays invertible. */
    static final double RIDGE = 1e-6;

    private final DMatrixRMaj whitener;

    private EuclideanAlignment(DMatrixRMaj whitener) {
        this.whitener = whitener;
    }

    /** The alignment of a subject whose epochs {@code [trial][channel][time]} are given (not modified). */
    public static EuclideanAlignment fit(double[][][] epochs) {
        if (epochs.length == 0) {
            throw new IllegalArgumentException("Euclidean alignment needs at least one epoch");
        }
        int c = epochs[0].length;
        DMatrixRMaj r = new DMatrixRMaj(c, c);
        for (double[][] x : epochs) {
            int t = x[0].length;
            for (int i = 0; i < c; i++) {
                for (int j = i; j < c; j++) {
                    double s = 0;
                    for (int k = 0; k < t; k++) {
                        s += x[i][k] * x[j][k];
                    }
                    r.data[i * c + j] += s / t / epochs.length;
                }
            }
        }
        double trace = 0;
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < i; j++) {
                r.data[i * c + j] = r.data[j * c + i];
            }
            trace += r.data[i * c + i];
        }
        if (!(trace > 0)) {
            throw new IllegalArgumentException("Euclidean alignment: the epochs are all zero");
        }
        for (int i = 0; i < c; i++) {
            r.data[i * c + i] += RIDGE * trace / c;
        }
        return new EuclideanAlignment(Spd.invsqrt(r));
    }

    /** Rebuilds an alignment from its whitener {@code R^{-1/2}} (row-major, C × C). */
    public static EuclideanAlignment ofWhitener(double[] rowMajor) {
        int c = (int) Math.round(Math.sqrt(rowMajor.length));
        if (c * c != rowMajor.length) {
            throw new IllegalArgumentException(
                    "Euclidean alignment: whitener of " + rowMajor.length + " values is not square");
        }
        return new EuclideanAlignment(new DMatrixRMaj(c, c, true, rowMajor.clone()));
    }

    public int channels() {
        return whitener.numRows;
    }

    /** {@code R^{-1/2}} row-major (a copy). */
    public double[] whitener() {
        return whitener.data.clone();
    }

    /** {@code R^{-1/2} X} for one epoch {@code [channel][time]} (new array). */
    public double[][] apply(double[][] x) {
        double[][] out = new double[x.length][x[0].length];
        apply(x, out);
        return out;
    }

    /** {@code R^{-1/2} X} into {@code out} ({@code [channel][time]}, distinct from x), allocation-free. */
    public void apply(double[][] x, double[][] out) {
        int c = whitener.numRows;
        if (x.length != c) {
            throw new IllegalArgumentException(
                    "Euclidean alignment of " + c + " channels applied to an epoch of " + x.length);
        }
        int t = x[0].length;
        for (int i = 0; i < c; i++) {
            double[] o = out[i];
            Arrays.fill(o, 0, t, 0.0);
            for (int j = 0; j < c; j++) {
                double w = whitener.data[i * c + j];
                double[] xj = x[j];
                for (int k = 0; k < t; k++) {
                    o[k] += w * xj[k];
                }
            }
        }
    }

    /** Every epoch aligned (new arrays). */
    public double[][][] applyAll(double[][][] epochs) {
        double[][][] out = new double[epochs.length][][];
        for (int i = 0; i < epochs.length; i++) {
            out[i] = apply(epochs[i]);
        }
        return out;
    }
}
