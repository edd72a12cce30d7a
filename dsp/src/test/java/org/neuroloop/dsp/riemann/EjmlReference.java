package org.neuroloop.dsp.riemann;

import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * Reference results computed with EJML's general symmetric QR eigendecomposition (what the kernels used before
 * {@link TridiagonalQl}), and test matrices with a prescribed spectrum.
 */
final class EjmlReference {
    private EjmlReference() {}

    /** {@code Q diag(values) Qᵀ} with Q a random orthogonal matrix (QR of a Gaussian matrix); exactly symmetric. */
    static DMatrixRMaj withSpectrum(Random r, double[] values) {
        int n = values.length;
        DMatrixRMaj g = new DMatrixRMaj(n, n);
        for (int k = 0; k < g.data.length; k++) {
            g.data[k] = r.nextGaussian();
        }
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, n);
        qr.decompose(g);
        DMatrixRMaj q = qr.getQ(null, false);
        DMatrixRMaj qd = q.copy();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                qd.data[i * n + j] *= values[j];
            }
        }
        DMatrixRMaj c = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(qd, q, c);
        Spd.symmetrize(c);
        return c;
    }

    /** Sorted eigenvalues. */
    static double[] eigenvalues(DMatrixRMaj s) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(s.numRows, false, true);
        if (!eig.decompose(s.copy())) {
            throw new AssertionError("EJML did not converge");
        }
        double[] v = new double[s.numRows];
        for (int k = 0; k < v.length; k++) {
            v[k] = eig.getEigenvalue(k).real;
        }
        Arrays.sort(v);
        return v;
    }

    /** {@code V diag(f(λ)) Vᵀ} from EJML's decomposition. */
    static DMatrixRMaj function(DMatrixRMaj s, DoubleUnaryOperator f) {
        int n = s.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(s.copy())) {
            throw new AssertionError("EJML did not converge");
        }
        DMatrixRMaj out = new DMatrixRMaj(n, n);
        for (int k = 0; k < n; k++) {
            DMatrixRMaj v = eig.getEigenVector(k);
            double fk = f.applyAsDouble(eig.getEigenvalue(k).real);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    out.data[i * n + j] += fk * v.data[i] * v.data[j];
                }
            }
        }
        return out;
    }

    /** δ_R(a, b) as pyRiemann writes it: eigenvalues of a^{-1/2} b a^{-1/2}. */
    static double distance(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj w = function(a, x -> 1 / Math.sqrt(x));
        DMatrixRMaj wb = new DMatrixRMaj(a.numRows, a.numRows);
        DMatrixRMaj wbw = new DMatrixRMaj(a.numRows, a.numRows);
        CommonOps_DDRM.mult(w, b, wb);
        CommonOps_DDRM.mult(wb, w, wbw);
        Spd.symmetrize(wbw);
        double s = 0;
        for (double l : eigenvalues(wbw)) {
            s += Math.log(l) * Math.log(l);
        }
        return Math.sqrt(s);
    }
}
