package org.neuroloop.dsp.riemann;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.neuroloop.dsp.riemann.Matrices.assertClose;
import static org.neuroloop.dsp.riemann.Matrices.randomInvertible;
import static org.neuroloop.dsp.riemann.Matrices.randomSpd;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** Laws of the affine-invariant geometry, on random SPD matrices generated from the jqwik seed. */
class RiemannPropertiesTest {

    private static List<DMatrixRMaj> randomSet(Random r, int count, int n) {
        List<DMatrixRMaj> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(randomSpd(r, n));
        }
        return out;
    }

    @Property(tries = 30)
    void riemannianMeanIsCongruenceInvariant(
            @ForAll long seed,
            @ForAll @IntRange(min = 2, max = 8) int n,
            @ForAll @IntRange(min = 1, max = 12) int count) {
        Random r = new Random(seed);
        List<DMatrixRMaj> set = randomSet(r, count, n);
        DMatrixRMaj a = randomInvertible(r, n);
        List<DMatrixRMaj> moved = set.stream().map(c -> Spd.congruence(a, c)).toList();
        // Same fixed point; compare at a tolerance below the 1e-8 stopping rule's effect.
        DMatrixRMaj expected = Spd.congruence(a, RiemannMean.of(set, null, 1e-12, 200, null));
        DMatrixRMaj actual = RiemannMean.of(moved, null, 1e-12, 200, null);
        assertClose(expected, actual, 1e-7, "A mean(C) Aᵀ vs mean(A C Aᵀ)");
    }

    @Property(tries = 30)
    void riemannianMeanOfCommutingMatricesIsTheGeometricMean(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int n) {
        Random r = new Random(seed);
        List<DMatrixRMaj> set = new ArrayList<>();
        double[] logSum = new double[n];
        int count = 5;
        for (int i = 0; i < count; i++) {
            DMatrixRMaj d = new DMatrixRMaj(n, n);
            for (int k = 0; k < n; k++) {
                double v = Math.exp(r.nextGaussian());
                d.set(k, k, v);
                logSum[k] += Math.log(v);
            }
            set.add(d);
        }
        DMatrixRMaj expected = new DMatrixRMaj(n, n);
        for (int k = 0; k < n; k++) {
            expected.set(k, k, Math.exp(logSum[k] / count));
        }
        assertClose(expected, RiemannMean.of(set), 1e-6, "Riemannian mean of diagonal matrices");
        assertClose(expected, LogEuclideanMean.of(set), 1e-10, "log-Euclidean mean of diagonal matrices");
        IncrementalRiemannMean running = new IncrementalRiemannMean(n);
        set.forEach(running::update);
        assertClose(expected, running.mean(), 1e-10, "running mean of diagonal matrices");
    }

    @Property(tries = 30)
    void integerWeightsEqualRepetition(@ForAll long seed, @ForAll @IntRange(min = 2, max = 6) int n) {
        Random r = new Random(seed);
        List<DMatrixRMaj> set = randomSet(r, 3, n);
        List<DMatrixRMaj> repeated = List.of(set.get(0), set.get(1), set.get(1), set.get(2), set.get(2), set.get(2));
        double[] w = {1, 2, 3};
        assertClose(
                RiemannMean.of(repeated, null, 1e-12, 200, null),
                RiemannMean.of(set, w, 1e-12, 200, null),
                1e-8,
                "weighted Riemannian mean");
        assertClose(LogEuclideanMean.of(repeated), LogEuclideanMean.of(set, w), 1e-10, "weighted log-Euclidean mean");
    }

    @Property(tries = 100)
    void expInvertsLog(@ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int n) {
        DMatrixRMaj c = randomSpd(new Random(seed), n);
        assertClose(c, Spd.exp(Spd.log(c)), 1e-10, "exp(log C)");
    }

    @Property(tries = 100)
    void sqrtSquaresBackAndInvsqrtInverts(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 12) int n,
            @ForAll @DoubleRange(min = -2, max = 2) double p) {
        DMatrixRMaj c = randomSpd(new Random(seed), n);
        DMatrixRMaj s = Spd.sqrt(c);
        DMatrixRMaj ss = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(s, s, ss);
        assertClose(c, ss, 1e-10, "sqrt(C)²");
        DMatrixRMaj id = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(Spd.invsqrt(c), s, id);
        assertClose(CommonOps_DDRM.identity(n), id, 1e-9, "C^-1/2 C^1/2");
        DMatrixRMaj pq = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(Spd.power(c, p), Spd.power(c, 1 - p), pq);
        assertClose(c, pq, 1e-8, "C^p C^(1-p)");
    }

    @Property(tries = 100)
    void distanceIsSymmetricAndInvariant(@ForAll long seed, @ForAll @IntRange(min = 1, max = 10) int n) {
        Random r = new Random(seed);
        DMatrixRMaj a = randomSpd(r, n);
        DMatrixRMaj b = randomSpd(r, n);
        DMatrixRMaj x = randomInvertible(r, n);
        double d = RiemannDistance.between(a, b);
        double tol = 1e-9 * Math.max(1, d);
        assertEquals(d, RiemannDistance.between(b, a), tol, "symmetry");
        DMatrixRMaj ai = a.copy();
        DMatrixRMaj bi = b.copy();
        CommonOps_DDRM.invert(ai);
        CommonOps_DDRM.invert(bi);
        Spd.symmetrize(ai);
        Spd.symmetrize(bi);
        assertEquals(d, RiemannDistance.between(ai, bi), tol, "inversion invariance");
        assertEquals(
                d,
                RiemannDistance.between(Spd.congruence(x, a), Spd.congruence(x, b)),
                1e-8 * Math.max(1, d),
                "congruence invariance");
        assertEquals(0.0, RiemannDistance.between(a, a), 1e-12, "distance to itself");
    }

    @Property(tries = 100)
    void tangentSpaceRoundTrip(@ForAll long seed, @ForAll @IntRange(min = 1, max = 10) int n) {
        Random r = new Random(seed);
        DMatrixRMaj ref = randomSpd(r, n);
        DMatrixRMaj c = randomSpd(r, n);
        TangentSpace ts = TangentSpace.at(ref);
        double[] v = ts.project(c);
        assertEquals(TangentSpace.dimension(n), v.length);
        assertClose(c, ts.unproject(v), 1e-9, "unproject(project(C))");
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        // The √2 weighting makes the tangent vector's norm the Riemannian distance to the reference.
        assertEquals(RiemannDistance.between(ref, c), Math.sqrt(norm), 1e-9 * Math.max(1, Math.sqrt(norm)));
    }

    @Property(tries = 50)
    void geodesicEndpointsAndMidpoint(@ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int n) {
        Random r = new Random(seed);
        DMatrixRMaj a = randomSpd(r, n);
        DMatrixRMaj b = randomSpd(r, n);
        assertClose(a, Geodesic.riemann(a, b, 0), 1e-10, "geodesic at 0");
        assertClose(b, Geodesic.riemann(a, b, 1), 1e-9, "geodesic at 1");
        DMatrixRMaj mid = Geodesic.riemann(a, b, 0.5);
        double d = RiemannDistance.between(a, b);
        assertEquals(d / 2, RiemannDistance.between(a, mid), 1e-9 * Math.max(1, d));
        assertClose(RiemannMean.of(List.of(a, b), null, 1e-13, 200, null), mid, 1e-8, "mean of two = midpoint");
    }

    @Property(tries = 30)
    void recenteringMapsTheReferenceToIdentity(@ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int n) {
        Random r = new Random(seed);
        DMatrixRMaj m = randomSpd(r, n);
        assertClose(
                CommonOps_DDRM.identity(n),
                Recentering.fixed(m).apply(m, new DMatrixRMaj(n, n)),
                1e-9,
                "re-centred reference");
        Recentering online = Recentering.online(n);
        DMatrixRMaj c1 = randomSpd(r, n);
        online.update(c1);
        assertClose(CommonOps_DDRM.identity(n), online.apply(c1, new DMatrixRMaj(n, n)), 1e-9, "online after one");
        DMatrixRMaj c2 = randomSpd(r, n);
        online.update(c2);
        assertClose(Geodesic.riemann(c1, c2, 0.5), online.runningMean().mean(), 1e-10, "running mean of two");
    }
}
