package org.neuroloop.dsp.riemann;

import org.ejml.data.DMatrixRMaj;

/**
 * Point at position t on the affine-invariant geodesic from A (t = 0) to B (t = 1) (pyRiemann
 * {@code geodesic_riemann}):
 * <pre>  A #_t B = A^{1/2} (A^{-1/2} B A^{-1/2})^t A^{1/2}.</pre>
 * Reference: R. Bhatia, Positive Definite Matrices, 2007, ch. 6.
 */
public final class Geodesic {

    private Geodesic() {}

    /** {@code A #_t B} (allocates). */
    public static DMatrixRMaj riemann(DMatrixRMaj a, DMatrixRMaj b, double t) {
        DMatrixRMaj out = new DMatrixRMaj(a.numRows, a.numRows);
        int n = a.numRows;
        riemann(a, b, t, out, new SpdWorkspace(n), new DMatrixRMaj(n, n), new DMatrixRMaj(n, n));
        return out;
    }

    /**
     * {@code A #_t B} into {@code out} (may alias {@code a}); {@code sqrtA}, {@code invSqrtA} are n×n scratch that
     * receive A^{1/2} and A^{-1/2}.
     */
    public static void riemann(
            DMatrixRMaj a,
            DMatrixRMaj b,
            double t,
            DMatrixRMaj out,
            SpdWorkspace ws,
            DMatrixRMaj sqrtA,
            DMatrixRMaj invSqrtA) {
        ws.requireSize(a, "geodesic start");
        ws.requireSize(b, "geodesic end");
        RiemannMean.sqrtAndInvSqrt(a, sqrtA, invSqrtA, ws, "geodesic start");
        Spd.whiten(invSqrtA, b, ws.a, ws.b);
        Spd.power(ws.a, t, ws.c, ws.eigen);
        Spd.whiten(sqrtA, ws.c, out, ws.b);
    }
}
