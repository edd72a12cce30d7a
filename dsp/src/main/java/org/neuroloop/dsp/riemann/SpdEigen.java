package org.neuroloop.dsp.riemann;

import org.ejml.data.DMatrixRMaj;

/**
 * Reusable workspace for the symmetric eigendecomposition {@code S = V diag(λ) Vᵀ} of n×n matrices, and for
 * rebuilding matrix functions {@code f(S) = V diag(f(λ)) Vᵀ} from it (how pyRiemann's {@code _matrix_operator}
 * computes sqrtm, invsqrtm, logm, expm and powm via {@code numpy.linalg.eigh}).
 *
 * <p>The decomposition is {@link TridiagonalQl} (Householder tridiagonalisation and implicit QL); the values-only
 * form skips everything the vectors need. Nothing is allocated per call after construction, so one instance per
 * thread serves hot loops. Not thread-safe.
 *
 * <p>Input validation is part of every decomposition: non-finite entries and asymmetry beyond
 * {@link #SYMMETRY_TOLERANCE} (relative to the largest absolute entry) raise {@link IllegalArgumentException}
 * naming the matrix; positivity of the eigenvalues is checked by {@link #requirePositive(String)}.
 */
public final class SpdEigen {

    /** Largest accepted |S_ij − S_ji| relative to max |S_kl|. */
    public static final double SYMMETRY_TOLERANCE = 1e-8;

    private final int n;
    private final TridiagonalQl kernel;
    private final double[] values;
    private final double[] functionScratch;
    /** Row k holds eigenvector k (that is, Vᵀ in row-major order): the kernel's working matrix. */
    private final double[] vt;
    /** V (eigenvectors as columns) and V diag(f), rebuilt by each {@link #reconstruct}. */
    private final double[] vectors;

    private final double[] scaledVectors;

    public SpdEigen(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("matrix size must be > 0, got " + n);
        }
        this.n = n;
        this.kernel = new TridiagonalQl(n);
        this.values = kernel.d;
        this.functionScratch = new double[n];
        this.vt = kernel.z;
        this.vectors = new double[n * n];
        this.scaledVectors = new double[n * n];
    }

    /** The decomposition kernel, whose working matrix and eigenvalues are this workspace's arrays. */
    TridiagonalQl kernel() {
        return kernel;
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
        return decomposeUpper(s.data, true, what);
    }

    /**
     * Eigenvalues only of the symmetric matrix {@code s} (not modified), into {@link #values()}; much cheaper than
     * {@link #decompose} (no transformations accumulated). The eigenvectors are left stale.
     */
    public SpdEigen decomposeValues(DMatrixRMaj s, String what) {
        requireSymmetricFinite(s, what);
        return decomposeUpper(s.data, false, what);
    }

    /**
     * Decomposes the symmetric matrix whose upper triangle (j ≥ i) is in the row-major {@code upper}; the lower
     * triangle is not read, so callers that computed only the upper half skip the mirror and the symmetry check.
     * Entries must be finite (not checked).
     */
    SpdEigen decomposeUpper(double[] upper, boolean vectors, String what) {
        System.arraycopy(upper, 0, vt, 0, n * n);
        if (!kernel.decompose(vectors)) {
            throw new IllegalArgumentException(what + ": symmetric eigendecomposition did not converge");
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
        // (V diag(f) Vᵀ)_ij = Σ_k (V_ik f_k) V_jk: dot products of rows of V diag(f) and V, upper half only.
        for (int k = 0; k < n; k++) {
            int vk = k * n;
            double fk = f[k];
            for (int i = 0; i < n; i++) {
                double v = vt[vk + i];
                vectors[i * n + k] = v;
                scaledVectors[i * n + k] = fk * v;
            }
        }
        double[] o = out.data;
        RowProducts.abt(scaledVectors, vectors, o, n, false, true);
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
        // One pass over the pairs (i, j), (j, i); a NaN or infinity makes the running sum non-finite. Only when
        // something looks wrong does the slower pass below run, to name the entry.
        double max = 0;
        double asymmetry = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int ri = i * n;
            double diag = d[ri + i];
            sum += diag;
            double ad = Math.abs(diag);
            if (ad > max) {
                max = ad;
            }
            for (int j = i + 1; j < n; j++) {
                double a = d[ri + j];
                double b = d[j * n + i];
                sum += a + b;
                double aa = Math.abs(a);
                double ab = Math.abs(b);
                if (aa > max) {
                    max = aa;
                }
                if (ab > max) {
                    max = ab;
                }
                double diff = Math.abs(a - b);
                if (diff > asymmetry) {
                    asymmetry = diff;
                }
            }
        }
        if (Double.isFinite(sum) && asymmetry <= SYMMETRY_TOLERANCE * max) {
            return;
        }
        nameTheFault(d, what);
    }

    /** Throws naming the first non-finite or asymmetric entry (returns if there is none after all). */
    private void nameTheFault(double[] d, String what) {
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
            throw new IllegalArgumentException(
                    what + " is " + s.numRows + "x" + s.numCols + ", expected " + n + "x" + n);
        }
    }
}
