package org.neuroloop.dsp.riemann;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Tangent space of the SPD manifold at a reference point M under the affine-invariant metric, with pyRiemann's
 * vectorisation ({@code tangent_space} / {@code untangent_space}, {@code TangentSpace(metric='riemann')}):
 * <pre>
 *   S = log(M^{-1/2} C M^{-1/2})                     (n×n symmetric)
 *   t = upper(S) = [ S_ij · (i == j ? 1 : √2) ]_{i ≤ j}  row by row   (length n(n+1)/2)
 *   C = M^{1/2} exp(unupper(t)) M^{1/2}              (inverse)
 * </pre>
 * The √2 weight makes the Euclidean norm of t equal the Frobenius norm of S, i.e. ‖t‖ = δ_R(M, C).
 * An instance holds {@code M^{1/2}} and {@code M^{-1/2}}; it is immutable and thread-safe when each thread
 * passes its own {@link SpdWorkspace}.
 *
 * <p>Reference: A. Barachant, S. Bonnet, M. Congedo, C. Jutten, "Classification of covariance matrices using a
 * Riemannian-based kernel for BCI applications", Neurocomputing 112, 2013.
 */
public final class TangentSpace {

    private static final double SQRT2 = Math.sqrt(2.0);
    private static final String PROJECTED = "matrix projected to the tangent space";

    private final int n;
    private final DMatrixRMaj reference;
    private final DMatrixRMaj sqrt;
    private final DMatrixRMaj invSqrt;

    private TangentSpace(DMatrixRMaj reference, DMatrixRMaj sqrt, DMatrixRMaj invSqrt) {
        this.n = reference.numRows;
        this.reference = reference;
        this.sqrt = sqrt;
        this.invSqrt = invSqrt;
    }

    /** The tangent space at the SPD reference {@code m} (copied). */
    public static TangentSpace at(DMatrixRMaj m) {
        DMatrixRMaj ref = m.copy();
        SpdWorkspace ws = new SpdWorkspace(ref.numRows);
        DMatrixRMaj s = new DMatrixRMaj(ref.numRows, ref.numRows);
        DMatrixRMaj is = new DMatrixRMaj(ref.numRows, ref.numRows);
        RiemannMean.sqrtAndInvSqrt(ref, s, is, ws, "tangent-space reference");
        return new TangentSpace(ref, s, is);
    }

    /** Length n(n+1)/2 of a tangent vector for n×n matrices. */
    public static int dimension(int n) {
        return n * (n + 1) / 2;
    }

    /** Matrix size n. */
    public int size() {
        return n;
    }

    /** The reference point M (do not modify). */
    public DMatrixRMaj reference() {
        return reference;
    }

    /** Tangent vector of {@code c} (allocates). */
    public double[] project(DMatrixRMaj c) {
        double[] out = new double[dimension(n)];
        project(c, out, 0, new SpdWorkspace(n));
        return out;
    }

    /** Tangent vector of {@code c} written to {@code out[offset .. offset + n(n+1)/2)}; allocation-free. */
    public void project(DMatrixRMaj c, double[] out, int offset, SpdWorkspace ws) {
        String what = PROJECTED;
        if (ws.size() != n) {
            throw new IllegalArgumentException("workspace for " + ws.size() + "x" + ws.size()
                    + " matrices used with a tangent space of " + n + "x" + n + " matrices");
        }
        ws.requireSize(c, what);
        ws.eigen.requireSymmetricFinite(c, what);
        Spd.whitenUpper(invSqrt.data, c.data, ws.a.data, ws.b.data, n);
        SpdEigen eig = ws.eigen.decomposeUpper(ws.a.data, true, "whitened " + PROJECTED);
        double[] l = eig.values();
        double[] f = eig.functionScratch();
        for (int k = 0; k < n; k++) {
            if (!(l[k] > 0)) {
                eig.requirePositive(PROJECTED + " (whitened by the reference)");
            }
            f[k] = Math.log(l[k]);
        }
        eig.reconstruct(f, ws.c);
        upper(ws.c, out, offset);
    }

    /** Tangent vectors of all matrices, one row each (parallel for large sets; deterministic). */
    public double[][] projectAll(List<DMatrixRMaj> mats) {
        double[][] out = new double[mats.size()][];
        Blocks.forEach(mats.size(), (b, from, to) -> {
            SpdWorkspace ws = new SpdWorkspace(n);
            for (int i = from; i < to; i++) {
                double[] v = new double[dimension(n)];
                try {
                    project(mats.get(i), v, 0, ws);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("matrix " + i + ": " + e.getMessage(), e);
                }
                out[i] = v;
            }
        });
        return out;
    }

    /** The SPD matrix whose tangent vector is {@code v} (inverse of {@link #project(DMatrixRMaj)}). */
    public DMatrixRMaj unproject(double[] v) {
        DMatrixRMaj out = new DMatrixRMaj(n, n);
        unproject(v, 0, out, new SpdWorkspace(n));
        return out;
    }

    /** {@link #unproject(double[])} from {@code v[offset ..]} into {@code out}; allocation-free. */
    public void unproject(double[] v, int offset, DMatrixRMaj out, SpdWorkspace ws) {
        unupper(v, offset, ws.c);
        Spd.exp(ws.c, ws.a, ws.eigen);
        Spd.whiten(sqrt, ws.a, out, ws.b);
    }

    /**
     * pyRiemann {@code upper}: the upper triangle of symmetric {@code s}, row by row, off-diagonal entries times √2,
     * into {@code out[offset ..]}.
     */
    public static void upper(DMatrixRMaj s, double[] out, int offset) {
        int n = s.numRows;
        if (out.length - offset < dimension(n)) {
            throw new IllegalArgumentException("tangent vector buffer has " + (out.length - offset)
                    + " free entries, expected " + dimension(n) + " for " + n + "x" + n + " matrices");
        }
        double[] d = s.data;
        int k = offset;
        for (int i = 0; i < n; i++) {
            out[k++] = d[i * n + i];
            for (int j = i + 1; j < n; j++) {
                out[k++] = SQRT2 * d[i * n + j];
            }
        }
    }

    /** pyRiemann {@code unupper}: the symmetric n×n matrix (into {@code out}) whose {@link #upper} is {@code v}. */
    public static void unupper(double[] v, int offset, DMatrixRMaj out) {
        int n = out.numRows;
        if (out.numCols != n || v.length - offset < dimension(n)) {
            throw new IllegalArgumentException("tangent vector of " + (v.length - offset) + " entries cannot fill a "
                    + out.numRows + "x" + out.numCols + " symmetric matrix; expected " + dimension(n) + " entries");
        }
        double[] d = out.data;
        int k = offset;
        for (int i = 0; i < n; i++) {
            d[i * n + i] = v[k++];
            for (int j = i + 1; j < n; j++) {
                double x = v[k++] / SQRT2;
                d[i * n + j] = x;
                d[j * n + i] = x;
            }
        }
    }
}
