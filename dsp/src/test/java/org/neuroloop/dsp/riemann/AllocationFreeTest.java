package org.neuroloop.dsp.riemann;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.neuroloop.dsp.covariance.CenteredEpoch;
import org.neuroloop.dsp.covariance.Oas;
import org.neuroloop.dsp.covariance.SlidingCovariance;

/**
 * The hot paths with caller-owned workspaces allocate nothing per call: the covariance estimators and the
 * Riemannian kernels ({@link TridiagonalQl} and {@link CholeskyWhitening} work in the workspace's arrays).
 */
class AllocationFreeTest {

    private static final int ITERATIONS = 5_000;
    private static final long SLACK_BYTES = 4_096;

    private static void assertNoAllocation(String what, Runnable body) {
        long bytes = AllocationMeter.bytesAllocated(10_000, ITERATIONS, body);
        assertTrue(bytes < SLACK_BYTES, what + " allocated " + bytes + " bytes in " + ITERATIONS + " calls");
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
        assertNoAllocation("RiemannDistance.from", () -> sink[0] += d.from(c, ws));
        List<RiemannDistance> classes = List.of(d, RiemannDistance.to(c), d);
        double[] squared = new double[3];
        assertNoAllocation(
                "RiemannDistance.squaredFrom (3 references)",
                () -> RiemannDistance.squaredFrom(classes, c, squared, ws));
        assertNoAllocation("TangentSpace.project", () -> ts.project(c, v, 0, ws));
        assertNoAllocation("TangentSpace.unproject", () -> ts.unproject(v, 0, out, ws));
        assertNoAllocation("Spd.log", () -> Spd.log(c, out, ws.eigen()));
        IncrementalRiemannMean running = new IncrementalRiemannMean(n);
        assertNoAllocation("IncrementalRiemannMean.update", () -> running.update(c));
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
        assertNoAllocation(
                "Oas.estimate with a reused epoch", () -> Oas.estimate(epoch.loadInterleaved(x, 0, 100, ch), out));
        SlidingCovariance sliding = new SlidingCovariance(ch, 50);
        int[] pos = new int[1];
        assertNoAllocation("SlidingCovariance.addSample + covariance", () -> {
            sliding.addSample(x, pos[0] * ch);
            pos[0] = (pos[0] + 1) % 100;
            sliding.covariance(out);
        });
    }
}
