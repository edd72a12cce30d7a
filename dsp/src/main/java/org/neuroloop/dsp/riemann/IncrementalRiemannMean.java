package org.neuroloop.dsp.riemann;

import org.ejml.data.DMatrixRMaj;

/**
 * Running Riemannian mean for online use: after the k-th matrix C_k
 * <pre>  M_1 = C_1,   M_k = M_{k-1} #_{1/k} C_k
 *       = M_{k-1}^{1/2} (M_{k-1}^{-1/2} C_k M_{k-1}^{-1/2})^{1/k} M_{k-1}^{1/2},</pre>
 * the geodesic analogue of the running arithmetic mean (it equals the Karcher mean for commuting matrices and
 * approximates it otherwise). O(n³) per update, no allocation after construction. Not thread-safe; the state
 * (mean and count) can be saved with {@link #mean()}/{@link #count()} and restored with {@link #restore}.
 *
 * <p>Reference: M. Moakher, SIAM J. Matrix Anal. Appl. 26(3), 2005 (geodesics); P. Zanini et al., "Transfer
 * learning: a Riemannian geometry framework with applications to brain-computer interfaces", IEEE TBME 65(5),
 * 2018 (online re-centering with the geodesic update of weight 1/k).
 */
public final class IncrementalRiemannMean {

    private final int n;
    private final DMatrixRMaj mean;
    private final SpdWorkspace ws;
    private final DMatrixRMaj sqrt;
    private final DMatrixRMaj invSqrt;
    private long count;

    public IncrementalRiemannMean(int n) {
        this.n = n;
        this.mean = new DMatrixRMaj(n, n);
        this.ws = new SpdWorkspace(n);
        this.sqrt = new DMatrixRMaj(n, n);
        this.invSqrt = new DMatrixRMaj(n, n);
    }

    /** Adds one SPD matrix (weight 1/count along the geodesic from the current mean). */
    public void update(DMatrixRMaj c) {
        ws.requireSize(c, "matrix added to the running Riemannian mean");
        if (count == 0) {
            ws.eigen
                    .decomposeValues(c, "first matrix of the running Riemannian mean")
                    .requirePositive("first matrix of the running Riemannian mean");
            mean.setTo(c);
        } else {
            Geodesic.riemann(mean, c, 1.0 / (count + 1), mean, ws, sqrt, invSqrt);
        }
        count++;
    }

    /** Number of matrices added. */
    public long count() {
        return count;
    }

    /** The current mean (live; copy before modifying). Undefined (zero) before the first update. */
    public DMatrixRMaj mean() {
        return mean;
    }

    /** Restores a saved state. */
    public void restore(DMatrixRMaj savedMean, long savedCount) {
        ws.requireSize(savedMean, "restored running mean");
        if (savedCount < 0) {
            throw new IllegalArgumentException("restored count must be >= 0, got " + savedCount);
        }
        mean.setTo(savedMean);
        count = savedCount;
    }

    /** Matrix size n. */
    public int size() {
        return n;
    }
}
