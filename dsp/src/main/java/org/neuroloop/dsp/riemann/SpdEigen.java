package org.neuroloop.dsp.riemann;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.eig.SymmetricQRAlgorithmDecomposition_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Reusable workspace for the symmetric eigendecomposition {@code S = V diag(λ) Vᵀ} of n×n matrices, and for
 * rebuilding matrix functions {@code f(S) = V diag(f(λ)) Vᵀ} from it (how pyRiemann's {@code _matrix_operator}
 * computes sqrtm, invsqrtm, logm, expm and powm via {@code numpy.linalg.eigh}).
 *
 * <p>Wraps EJML's symmetric QR algorithm ({@code DecompositionFactory_DDRM.eig(n, vectors, true)}). Nothing is
 * allocated per call after construction, so one instance per thread serves hot loops. Not thread-safe.
 *
 * <p>Input validation is part of every decomposition: non-finite entries and asymmetry beyond
 * {@link #SYMMETRY_TOLERANCE} (relative to the largest absolute entry) raise {@link IllegalArgumentException}
 * naming the matrix; positivity of the eigenvalues is checked by {@link #requirePositive(String)}.
 */
public final class SpdEigen {

    /** Largest accepted |S_ij − S_ji| relative to max |S_kl|. */
    public static final double SYMMETRY_TOLERANCE = 1e-8;

    private final int n;
    private final EigenDecomposition_F64<DMatrixRMaj> withVectors;
    private final EigenDecomposition_F64<DMatrixRMaj> valuesOnly;
    private final DMatrixRMaj scratch;
    private final double[] values;
    private final double[] functionScratch;
    /** Row k holds eigenvector k (that is, Vᵀ in row-major order). */
    private final double[] vt;

    public SpdEigen(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("matrix size must be > 0, got " + n);
        }
        this.n = n;
        this.withVectors = DecompositionFactory_DDRM.eig(n, true, true);
        if (withVectors instanceof SymmetricQRAlgorithmDecomposition_DDRM qr) {
            // One QR sweep accumulating the rotations instead of values first, then vectors by a second pass with the
            // known shifts: about 15-20% faster for 22x22 (measured), equally accurate (the golden tests hold at 1e-10).
            qr.setComputeVectorsWithValues(true);
        }
        this.valuesOnly = DecompositionFactory_DDRM.eig(n, false, true);
        this.scratch = new DMatrixRMaj(n, n);
        this.values = new double[n];
        this.functionScratch = new double[n];
        this.vt = new double[n * n];
    }

    /** Matrix size n this workspace serves. */
    public int size() {
        return n;
    }

    /**
     * Eigenvalues and eigenvectors of the symmetric matrix {@code s} (not modified).
     *
     * @param what name of the matrix for error messages
     * @throws IllegalArgumentException if {@code s} is not n×n, has a NaN/Inf entry or is not symmetric
     */
    public SpdEigen decompose(DMatrixRMaj s, String what) {
        requireSymmetricFinite(s, what);
        scratch.setTo(s);
        if (!withVectors.decompose(scratch)) {
            throw new IllegalArgumentException(what + ": symmetric eigendecomposition did not converge");
        }
        for (int k = 0; k < n; k++) {
            values[k] = withVectors.getEigenvalue(k).real;
            DMatrixRMaj v = withVectors.getEigenVector(k);
            System.arraycopy(v.data, 0, vt, k * n, n);
        }
        return this;
    }

    /**
     * Eigenvalues only of the symmetric matrix {@code s} (not modified), into {@link #values()}; cheaper than
     * {@link #decompose} (about half the time for 22×22). The eigenvectors are left stale.
     */
    public SpdEigen decomposeValues(DMatrixRMaj s, String what) {
        requireSymmetricFinite(s, what);
        scratch.setTo(s);
        if (!valuesOnly.decompose(scratch)) {
            throw new IllegalArgumentException(what + ": symmetric eigendecomposition did not converge");
        }
        for (int k = 0; k < n; k++) {
            values[k] = valuesOnly.getEigenvalue(k).real;
        }
        return this;
    }

    /** Scratch array of length n for callers building {@code f(λ)} before {@link #reconstruct}. */
    double[] functionScratch() {
        return functionScratch;
    }

    /** Eigenvalues of the last decomposition, unordered (live array, do not modify). */
    public double[] values() {
        return values;
    }

    /**
     * Throws unless all eigenvalues of the last decomposition are strictly positive (the matrix is SPD).
     *
     * @param what name of the matrix for the message
     */
    public SpdEigen requirePositive(String what) {
        for (int k = 0; k < n; k++) {
            if (!(values[k] > 0)) {
                throw new IllegalArgumentException(what + " is not positive definite: eigenvalue " + values[k]
                        + " <= 0 (expected a symmetric positive definite matrix; regularise the covariance, e.g."
                        + " with Ledoit-Wolf or OAS shrinkage)");
            }
        }
        return this;
    }

    /**
     * {@code out = V diag(f) Vᵀ} with the eigenvectors of the last {@link #decompose}; {@code f} has length n.
     * The result is exactly symmetric. {@code out} must be n×n and may not alias the decomposed matrix'
     * internal state (any caller matrix is fine).
     */
    public void reconstruct(double[] f, DMatrixRMaj out) {
        requireShape(out, "output");
        double[] o = out.data;
        java.util.Arrays.fill(o, 0, n * n, 0.0);
        // Sum of rank-one updates f_k v_k v_kᵀ on the upper triangle: contiguous inner loops.
        for (int k = 0; k < n; k++) {
            int vk = k * n;
            double fk = f[k];
            for (int i = 0; i < n; i++) {
                double a = fk * vt[vk + i];
                int row = i * n;
                for (int j = i; j < n; j++) {
                    o[row + j] += a * vt[vk + j];
                }
            }
        }
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                o[i * n + j] = o[j * n + i];
            }
        }
    }

    /** Checks shape n×n, finite entries and symmetry; the message names {@code what}. */
    public void requireSymmetricFinite(DMatrixRMaj s, String what) {
        requireShape(s, what);
        double[] d = s.data;
        double max = 0;
        for (int i = 0; i < n * n; i++) {
            double v = d[i];
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(what + " has a non-finite entry " + v + " at (" + (i / n) + ", "
                        + (i % n) + "); expected a finite symmetric positive definite matrix");
            }
            max = Math.max(max, Math.abs(v));
        }
        double tol = SYMMETRY_TOLERANCE * max;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double a = d[i * n + j];
                double b = d[j * n + i];
                if (Math.abs(a - b) > tol) {
                    throw new IllegalArgumentException(what + " is not symmetric: entry (" + i + ", " + j + ") = " + a
                            + " but (" + j + ", " + i + ") = " + b + "; expected a symmetric positive definite matrix");
                }
            }
        }
    }

    private void requireShape(DMatrixRMaj s, String what) {
        if (s.numRows != n || s.numCols != n) {
            throw new IllegalArgumentException(what + " is " + s.numRows + "x" + s.numCols + ", expected " + n + "x" + n);
        }
    }
}
