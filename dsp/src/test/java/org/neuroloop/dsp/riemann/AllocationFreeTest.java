package org.neuroloop.dsp.riemann;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.neuroloop.dsp.covariance.CenteredEpoch;
import org.neuroloop.dsp.covariance.Oas;
import org.neuroloop.dsp.covariance.SlidingCovariance;

/**
 * The hot paths with caller-owned workspaces allocate no matrices or arrays of their own per call. The covariance
 * paths allocate nothing at all. The Riemannian paths allocate only the small objects of EJML's symmetric QR
 * eigendecomposition: {@code getEigenvalue(k)} returns a new 32-byte {@code Complex_F64} per eigenvalue, plus about
 * 150 bytes when eigenvectors are extracted (measured: 256 and 408 bytes per 8×8 decomposition). The bound is
 * therefore 32·n + 256 bytes per decomposition, below one n×n matrix (8·n² + 16 bytes) for the sizes used here.
 */
class AllocationFreeTest {

    private static final int ITERATIONS = 5_000;
    private static final long SLACK_BYTES = 4_096;

    private static void assertNoAllocation(String what, Runnable body) {
        long bytes = AllocationMeter.bytesAllocated(10_000, ITERATIONS, body);
        assertTrue(bytes < SLACK_BYTES, what + " allocated " + bytes + " bytes in " + ITERATIONS + " calls");
    }

    /** At most EJML's per-eigenvalue Complex_F64 for {@code decompositions} n×n eigendecompositions per call. */
    private static void assertOnlyEigenvalueBoxes(String what, int n, int decompositions, Runnable body) {
        long bytes = AllocationMeter.bytesAllocated(10_000, ITERATIONS, body);
        long bound = (long) ITERATIONS * decompositions * (32L * n + 256) + SLACK_BYTES;
        assertTrue(bytes <= bound, what + " allocated " + bytes + " bytes in " + ITERATIONS + " calls, more than "
                + bound + " (EJML's eigenvalue boxes)");
    }

    @Test
    void riemannianHotPathsDoNotAllocate() {
        Random r = new Random(3);
        int n = 8;
        DMatrixRMaj c = Matrices.randomSpd(r, n);
        DMatrixRMaj m = Matrices.randomSpd(r, n);
        SpdWorkspace ws = new SpdWorkspace(n);
        DMatrixRMaj out = new DMatrixRMaj(n, n);
        RiemannDistance d = RiemannDistance.to(m);
        TangentSpace ts = TangentSpace.at(m);
        double[] v = new double[TangentSpace.dimension(n)];
        double[] sink = new double[1];
        assertOnlyEigenvalueBoxes("RiemannDistance.from", n, 1, () -> sink[0] += d.from(c, ws));
        assertOnlyEigenvalueBoxes("TangentSpace.project", n, 1, () -> ts.project(c, v, 0, ws));
        assertOnlyEigenvalueBoxes("TangentSpace.unproject", n, 1, () -> ts.unproject(v, 0, out, ws));
        assertOnlyEigenvalueBoxes("Spd.log", n, 1, () -> Spd.log(c, out, ws.eigen()));
        IncrementalRiemannMean running = new IncrementalRiemannMean(n);
        assertOnlyEigenvalueBoxes("IncrementalRiemannMean.update", n, 2, () -> running.update(c));
        Recentering rc = Recentering.fixed(m);
        assertNoAllocation("Recentering.apply (fixed reference)", () -> rc.apply(c, out));
    }

    @Test
    void covarianceHotPathsDoNotAllocate() {
        Random r = new Random(4);
        int ch = 8;
        double[] x = new double[ch * 100];
        for (int k = 0; k < x.length; k++) {
            x[k] = r.nextGaussian();
        }
        CenteredEpoch epoch = new CenteredEpoch();
        DMatrixRMaj out = new DMatrixRMaj(ch, ch);
        assertNoAllocation("Oas.estimate with a reused epoch", () -> Oas.estimate(epoch.loadInterleaved(x, 0, 100, ch), out));
        SlidingCovariance sliding = new SlidingCovariance(ch, 50);
        int[] pos = new int[1];
        assertNoAllocation("SlidingCovariance.addSample + covariance", () -> {
            sliding.addSample(x, pos[0] * ch);
            pos[0] = (pos[0] + 1) % 100;
            sliding.covariance(out);
        });
    }
}
