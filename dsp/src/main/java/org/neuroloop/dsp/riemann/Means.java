package org.neuroloop.dsp.riemann;

import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/** Shared checks and the weighted Euclidean mean used by the mean estimators. */
final class Means {
    private Means() {}

    /** Validates a non-empty list of equal-size square matrices; returns n. */
    static int requireSet(List<DMatrixRMaj> mats, String what) {
        if (mats == null || mats.isEmpty()) {
            throw new IllegalArgumentException(
                    what + ": the set of matrices is empty; expected at least one SPD matrix");
        }
        int n = mats.get(0).numRows;
        for (int i = 0; i < mats.size(); i++) {
            DMatrixRMaj m = mats.get(i);
            if (m.numRows != n || m.numCols != n) {
                throw new IllegalArgumentException(what + ": matrix " + i + " is " + m.numRows + "x" + m.numCols
                        + ", expected " + n + "x" + n + " like matrix 0");
            }
        }
        return n;
    }

    /** Weights normalised to sum 1 (uniform when {@code weights} is null), as pyRiemann's check_weights. */
    static double[] normalizedWeights(double[] weights, int count, String what) {
        double[] w = new double[count];
        if (weights == null) {
            Arrays.fill(w, 1.0 / count);
            return w;
        }
        if (weights.length != count) {
            throw new IllegalArgumentException(what + ": " + weights.length + " weights for " + count + " matrices");
        }
        double sum = 0;
        for (int i = 0; i < count; i++) {
            if (!(weights[i] >= 0) || !Double.isFinite(weights[i])) {
                throw new IllegalArgumentException(
                        what + ": weight " + i + " is " + weights[i] + ", expected a finite value >= 0");
            }
            sum += weights[i];
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException(what + ": weights sum to " + sum + ", expected > 0");
        }
        for (int i = 0; i < count; i++) {
            w[i] = weights[i] / sum;
        }
        return w;
    }

    /** Σ w_i C_i with normalised weights. */
    static DMatrixRMaj euclidean(List<DMatrixRMaj> mats, double[] w, int n) {
        DMatrixRMaj out = new DMatrixRMaj(n, n);
        double[] o = out.data;
        for (int i = 0; i < mats.size(); i++) {
            double[] d = mats.get(i).data;
            double wi = w[i];
            for (int k = 0; k < n * n; k++) {
                o[k] += wi * d[k];
            }
        }
        return out;
    }

    /**
     * Σ_i w_i f(C_i) for a matrix-valued {@code term}, computed in fixed blocks (parallel for large sets) and
     * added in block order: deterministic on any machine.
     */
    static void weightedSum(int count, int n, double[] w, Term term, DMatrixRMaj out) {
        int blocks = Blocks.count(count);
        double[][] partial = new double[blocks][n * n];
        Blocks.forEach(count, (b, from, to) -> {
            SpdWorkspace ws = new SpdWorkspace(n);
            DMatrixRMaj f = new DMatrixRMaj(n, n);
            double[] acc = partial[b];
            for (int i = from; i < to; i++) {
                term.compute(i, f, ws);
                double wi = w[i];
                double[] fd = f.data;
                for (int k = 0; k < n * n; k++) {
                    acc[k] += wi * fd[k];
                }
            }
        });
        double[] o = out.data;
        Arrays.fill(o, 0, n * n, 0.0);
        for (double[] p : partial) {
            for (int k = 0; k < n * n; k++) {
                o[k] += p[k];
            }
        }
    }

    interface Term {
        void compute(int index, DMatrixRMaj out, SpdWorkspace ws);
    }
}
