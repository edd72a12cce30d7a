package org.neuroloop.dsp.riemann;

import org.ejml.data.DMatrixRMaj;

/**
 * Per-thread scratch space for the allocation-free forms of the Riemannian functions on n×n matrices: one
 * {@link SpdEigen}, a second eigenvalue kernel and three n×n temporaries. Create one per thread and reuse it; not
 * thread-safe.
 */
public final class SpdWorkspace {
    final SpdEigen eigen;
    final DMatrixRMaj a;
    final DMatrixRMaj b;
    final DMatrixRMaj c;
    /** A second kernel, so two eigenvalue problems can run interleaved ({@link RootFreeQl}). */
    final TridiagonalQl second;

    public SpdWorkspace(int n) {
        this.eigen = new SpdEigen(n);
        this.a = new DMatrixRMaj(n, n);
        this.b = new DMatrixRMaj(n, n);
        this.c = new DMatrixRMaj(n, n);
        this.second = new TridiagonalQl(n);
    }

    /** Matrix size n. */
    public int size() {
        return eigen.size();
    }

    /** The eigendecomposition workspace. */
    public SpdEigen eigen() {
        return eigen;
    }

    void requireSize(DMatrixRMaj m, String what) {
        int n = eigen.size();
        if (m.numRows != n || m.numCols != n) {
            throw new IllegalArgumentException(
                    what + " is " + m.numRows + "x" + m.numCols + ", expected " + n + "x" + n);
        }
    }
}
