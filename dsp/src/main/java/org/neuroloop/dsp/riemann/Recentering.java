package org.neuroloop.dsp.riemann;

import org.ejml.data.DMatrixRMaj;

/**
 * Riemannian re-centering (Zanini et al. 2018; pyRiemann {@code transfer} {@code TLCenter}): move the data so its
 * reference M maps to the identity,
 * <pre>  C ↦ M^{-1/2} C M^{-1/2},</pre>
 * which removes session/subject shifts before a classifier trained at the identity. {@link #fixed} uses a known
 * reference; {@link #online} keeps the reference as an {@link IncrementalRiemannMean} of the data seen so far
 * ({@link #update} then {@link #apply}). Instances are not thread-safe.
 *
 * <p>Reference: P. Zanini, M. Congedo, C. Jutten, S. Said, Y. Berthoumieu, "Transfer learning: a Riemannian
 * geometry framework with applications to brain-computer interfaces", IEEE TBME 65(5), 2018.
 */
public final class Recentering {

    private final int n;
    private final IncrementalRiemannMean running;
    private final DMatrixRMaj invSqrt;
    private final SpdWorkspace ws;
    private boolean stale;

    private Recentering(int n, IncrementalRiemannMean running) {
        this.n = n;
        this.running = running;
        this.invSqrt = new DMatrixRMaj(n, n);
        this.ws = new SpdWorkspace(n);
    }

    /** Re-centering to the fixed SPD reference {@code m}. */
    public static Recentering fixed(DMatrixRMaj m) {
        Recentering r = new Recentering(m.numRows, null);
        Spd.invsqrt(m, r.invSqrt, r.ws.eigen);
        return r;
    }

    /** Re-centering to the running Riemannian mean of the matrices passed to {@link #update}. */
    public static Recentering online(int n) {
        Recentering r = new Recentering(n, new IncrementalRiemannMean(n));
        r.stale = true;
        return r;
    }

    /** {@code M^{-1/2} C M^{-1/2}} for one matrix (allocating convenience). */
    public static DMatrixRMaj whiten(DMatrixRMaj c, DMatrixRMaj m) {
        DMatrixRMaj w = Spd.invsqrt(m);
        DMatrixRMaj out = new DMatrixRMaj(c.numRows, c.numCols);
        return Spd.whiten(w, c, out, new DMatrixRMaj(c.numRows, c.numCols));
    }

    /** Adds {@code c} to the running reference (online mode only). */
    public void update(DMatrixRMaj c) {
        if (running == null) {
            throw new IllegalStateException("update() needs an online re-centering; this one has a fixed reference");
        }
        running.update(c);
        stale = true;
    }

    /** {@code out = M^{-1/2} C M^{-1/2}} with the current reference; allocation-free. */
    public DMatrixRMaj apply(DMatrixRMaj c, DMatrixRMaj out) {
        ws.requireSize(c, "matrix to re-center");
        if (stale) {
            if (running.count() == 0) {
                throw new IllegalStateException("online re-centering has no reference yet: call update() first");
            }
            Spd.invsqrt(running.mean(), invSqrt, ws.eigen);
            stale = false;
        }
        return Spd.whiten(invSqrt, c, out, ws.b);
    }

    /** The running mean (online mode), or null for a fixed reference. */
    public IncrementalRiemannMean runningMean() {
        return running;
    }

    /** Matrix size n. */
    public int size() {
        return n;
    }
}
