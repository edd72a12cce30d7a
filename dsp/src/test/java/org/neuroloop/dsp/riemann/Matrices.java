package org.neuroloop.dsp.riemann;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** Test helpers: conversions, random SPD matrices, tolerant comparison. */
public final class Matrices {
    private Matrices() {}

    public static DMatrixRMaj of(double[][] a) {
        return new DMatrixRMaj(a);
    }

    public static List<DMatrixRMaj> of(double[][][] a) {
        List<DMatrixRMaj> out = new ArrayList<>();
        for (double[][] m : a) {
            out.add(new DMatrixRMaj(m));
        }
        return out;
    }

    /** A random SPD matrix X Xᵀ/m + eps I with X n×m Gaussian. */
    public static DMatrixRMaj randomSpd(Random r, int n) {
        DMatrixRMaj x = new DMatrixRMaj(n, 3 * n);
        for (int k = 0; k < x.data.length; k++) {
            x.data[k] = r.nextGaussian();
        }
        DMatrixRMaj c = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(x, x, c);
        CommonOps_DDRM.scale(1.0 / (3 * n), c);
        for (int i = 0; i < n; i++) {
            c.add(i, i, 0.05);
        }
        Spd.symmetrize(c);
        return c;
    }

    /** A random well-conditioned invertible matrix. */
    public static DMatrixRMaj randomInvertible(Random r, int n) {
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        for (int k = 0; k < a.data.length; k++) {
            a.data[k] = 0.3 * r.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            a.add(i, i, 1.0);
        }
        return a;
    }

    /** Asserts |a − e| ≤ tol · max(1, max|e|) elementwise. */
    public static void assertClose(DMatrixRMaj expected, DMatrixRMaj actual, double tol, String what) {
        assertEquals(expected.numRows, actual.numRows, what + " rows");
        assertEquals(expected.numCols, actual.numCols, what + " cols");
        double scale = Math.max(1.0, CommonOps_DDRM.elementMaxAbs(expected));
        for (int i = 0; i < expected.numRows; i++) {
            for (int j = 0; j < expected.numCols; j++) {
                double e = expected.get(i, j);
                double a = actual.get(i, j);
                if (Math.abs(e - a) > tol * scale) {
                    throw new AssertionError(what + " differs at (" + i + ", " + j + "): expected " + e + ", got " + a
                            + " (tolerance " + tol * scale + ")");
                }
            }
        }
    }
}
