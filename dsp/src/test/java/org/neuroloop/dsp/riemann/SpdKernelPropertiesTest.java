package org.neuroloop.dsp.riemann;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuroloop.dsp.riemann.Matrices.assertClose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The small-SPD kernels ({@link TridiagonalQl}, {@link RootFreeQl}, {@link CholeskyWhitening}, the symmetric
 * whitening) against EJML as the reference, on the hard cases: condition number 1e8, repeated eigenvalues and
 * near-identity matrices, for the sizes EEG uses.
 */
class SpdKernelPropertiesTest {

    /** Eigenvalues log-uniform over [1e-8, 1] times a random scale, both ends included: condition number 1e8. */
    private static double[] illConditioned(Random r, int n) {
        double scale = Math.pow(10, 6 * r.nextDouble() - 3);
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            double e = k == 0 ? -8 : k == 1 ? 0 : -8 * r.nextDouble();
            v[k] = scale * Math.pow(10, e);
        }
        return v;
    }

    /** Eigenvalues drawn from three values only, so most are repeated (the identity-like case included). */
    private static double[] repeated(Random r, int n) {
        double[] levels = {1.0, 1.0 + r.nextInt(3), 10.0 * (1 + r.nextInt(5))};
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = levels[r.nextInt(levels.length)];
        }
        return v;
    }

    /**
     * Eigenvalues 1 + δ·N(0, 1) with δ log-uniform in [1e-12, 1e-2]: what whitening by a nearby mean gives (MDM's
     * own class, the tangent space at a close reference).
     */
    private static double[] nearIdentity(Random r, int n) {
        double delta = Math.pow(10, -12 + 10 * r.nextDouble());
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = 1 + delta * r.nextGaussian();
        }
        return v;
    }

    private static double[] spectrum(boolean ill, Random r, int n) {
        return ill ? illConditioned(r, n) : repeated(r, n);
    }

    @Property(tries = 60)
    void eigenvaluesMatchEjml(@ForAll long seed, @ForAll @IntRange(min = 1, max = 64) int n, @ForAll boolean ill) {
        Random r = new Random(seed);
        DMatrixRMaj c = EjmlReference.withSpectrum(r, spectrum(ill, r, n));
        double[] expected = EjmlReference.eigenvalues(c);
        double tol = 1e-13 * n * expected[n - 1];
        SpdEigen eig = new SpdEigen(n);
        double[] withVectors = eig.decompose(c, "c").values().clone();
        double[] valuesOnly = eig.decomposeValues(c, "c").values().clone();
        Arrays.sort(withVectors);
        Arrays.sort(valuesOnly);
        for (int k = 0; k < n; k++) {
            assertEquals(expected[k], withVectors[k], tol, "eigenvalue " + k + " with vectors");
            assertEquals(expected[k], valuesOnly[k], tol, "eigenvalue " + k + " values only");
        }
    }

    /**
     * The root-free values-only iteration ({@link RootFreeQl}) on near-identity, ill-conditioned and repeated
     * spectra: it converges, matches EJML, and two matrices stepped together give exactly what each gives alone.
     */
    @Property(tries = 80)
    void rootFreeIterationConvergesAndMatchesEjml(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 64) int n,
            @ForAll @IntRange(min = 0, max = 2) int kind) {
        Random r = new Random(seed);
        double[] spectrum = kind == 0 ? nearIdentity(r, n) : spectrum(kind == 1, r, n);
        DMatrixRMaj a = EjmlReference.withSpectrum(r, spectrum);
        DMatrixRMaj b = EjmlReference.withSpectrum(r, nearIdentity(r, n));
        double[] expected = EjmlReference.eigenvalues(a);
        TridiagonalQl first = new TridiagonalQl(n);
        TridiagonalQl second = new TridiagonalQl(n);
        System.arraycopy(a.data, 0, first.z, 0, n * n);
        assertTrue(first.decompose(false), "converged");
        double[] alone = first.d.clone();
        System.arraycopy(b.data, 0, second.z, 0, n * n);
        assertTrue(second.decompose(false), "converged");
        double[] aloneB = second.d.clone();
        System.arraycopy(a.data, 0, first.z, 0, n * n);
        System.arraycopy(b.data, 0, second.z, 0, n * n);
        assertTrue(TridiagonalQl.decomposeValues(first, second), "pair converged");
        assertArrayEquals(alone, first.d, 0.0, "first of the pair");
        assertArrayEquals(aloneB, second.d, 0.0, "second of the pair");
        Arrays.sort(alone);
        for (int k = 0; k < n; k++) {
            assertEquals(expected[k], alone[k], 1e-13 * n * expected[n - 1], "eigenvalue " + k);
        }
    }

    /** The parallel blocks of {@link TangentSpace#projectAll} give exactly what one matrix at a time gives. */
    @Property(tries = 30)
    void tangentVectorsOfAllEqualThoseOfSingles(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 32) int n,
            @ForAll @IntRange(min = 1, max = 7) int count) {
        Random r = new Random(seed);
        TangentSpace ts = TangentSpace.at(EjmlReference.withSpectrum(r, nearIdentity(r, n)));
        List<DMatrixRMaj> mats = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            mats.add(EjmlReference.withSpectrum(r, k % 3 == 0 ? nearIdentity(r, n) : spectrum(k % 2 == 0, r, n)));
        }
        double[][] all = ts.projectAll(mats);
        for (int k = 0; k < count; k++) {
            assertArrayEquals(ts.project(mats.get(k)), all[k], 0.0, "matrix " + k);
        }
    }

    @Property(tries = 60)
    void eigenvectorsAreOrthonormalAndRebuildTheMatrix(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 64) int n, @ForAll boolean ill) {
        Random r = new Random(seed);
        DMatrixRMaj c = EjmlReference.withSpectrum(r, spectrum(ill, r, n));
        SpdEigen eig = new SpdEigen(n).decompose(c, "c");
        DMatrixRMaj rebuilt = new DMatrixRMaj(n, n);
        eig.reconstruct(eig.values(), rebuilt);
        assertClose(c, rebuilt, 1e-13 * n, "V diag(λ) Vᵀ");
        double[] ones = new double[n];
        Arrays.fill(ones, 1.0);
        DMatrixRMaj identity = new DMatrixRMaj(n, n);
        eig.reconstruct(ones, identity);
        assertClose(CommonOps_DDRM.identity(n), identity, 1e-13 * n, "V Vᵀ");
    }

    @Property(tries = 40)
    void matrixFunctionsMatchEjml(@ForAll long seed, @ForAll @IntRange(min = 1, max = 64) int n, @ForAll boolean ill) {
        Random r = new Random(seed);
        DMatrixRMaj c = EjmlReference.withSpectrum(r, spectrum(ill, r, n));
        // log of the smallest eigenvalue carries its relative error, eps times the condition number.
        assertClose(EjmlReference.function(c, Math::log), Spd.log(c), 1e-6, "log");
        assertClose(EjmlReference.function(c, Math::sqrt), Spd.sqrt(c), 1e-10, "sqrt");
        DMatrixRMaj invSqrt = EjmlReference.function(c, x -> 1 / Math.sqrt(x));
        // 1/√λ of the smallest eigenvalue has relative error eps times the condition number, in both.
        assertClose(invSqrt, Spd.invsqrt(c), 1e-7 * maxAbs(invSqrt), "invsqrt");
        DMatrixRMaj s = EjmlReference.function(c, x -> Math.log(x) / 10);
        assertClose(EjmlReference.function(s, Math::exp), Spd.exp(s), 1e-10, "exp");
    }

    @Property(tries = 40)
    void riemannDistanceThroughTheCholeskyFactorMatchesEjml(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 64) int n, @ForAll boolean ill) {
        Random r = new Random(seed);
        DMatrixRMaj a = EjmlReference.withSpectrum(r, spectrum(ill, r, n));
        DMatrixRMaj b = EjmlReference.withSpectrum(r, spectrum(!ill, r, n));
        double expected = EjmlReference.distance(a, b);
        assertEquals(expected, RiemannDistance.between(a, b), 1e-7 * Math.max(1, expected), "δ(a, b)");
        assertEquals(expected, RiemannDistance.between(b, a), 1e-7 * Math.max(1, expected), "δ(b, a)");
    }

    @Property(tries = 40)
    void distancesToSeveralReferencesMatchEjml(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 40) int n,
            @ForAll @IntRange(min = 1, max = 5) int references,
            @ForAll boolean ill) {
        Random r = new Random(seed);
        DMatrixRMaj c = EjmlReference.withSpectrum(r, spectrum(ill, r, n));
        List<DMatrixRMaj> means = new ArrayList<>();
        List<RiemannDistance> distances = new ArrayList<>();
        // One side ill-conditioned, the other with repeated eigenvalues: the generalised problem of two matrices of
        // condition 1e8 in random orientations would be beyond double precision for any algorithm.
        for (int k = 0; k < references; k++) {
            DMatrixRMaj m = EjmlReference.withSpectrum(r, spectrum(!ill, r, n));
            means.add(m);
            distances.add(RiemannDistance.to(m));
        }
        double[] squared = new double[references];
        RiemannDistance.squaredFrom(distances, c, squared, new SpdWorkspace(n));
        for (int k = 0; k < references; k++) {
            double expected = EjmlReference.distance(means.get(k), c);
            assertEquals(expected, Math.sqrt(squared[k]), 1e-7 * Math.max(1, expected), "δ to reference " + k);
            // The interleaved pairs do exactly the arithmetic of one distance at a time.
            assertEquals(distances.get(k).squaredFrom(c, new SpdWorkspace(n)), squared[k], 0.0, "pair vs single " + k);
        }
    }

    @Property(tries = 40)
    void tangentVectorMatchesEjml(@ForAll long seed, @ForAll @IntRange(min = 1, max = 32) int n, @ForAll boolean ill) {
        Random r = new Random(seed);
        DMatrixRMaj m = EjmlReference.withSpectrum(r, spectrum(!ill, r, n));
        DMatrixRMaj c = EjmlReference.withSpectrum(r, spectrum(ill, r, n));
        DMatrixRMaj w = EjmlReference.function(m, x -> 1 / Math.sqrt(x));
        DMatrixRMaj wc = new DMatrixRMaj(n, n);
        DMatrixRMaj wcw = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(w, c, wc);
        CommonOps_DDRM.mult(wc, w, wcw);
        Spd.symmetrize(wcw);
        double[] expected = new double[TangentSpace.dimension(n)];
        TangentSpace.upper(EjmlReference.function(wcw, Math::log), expected, 0);
        double[] actual = TangentSpace.at(m).project(c);
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], actual[k], 1e-6, "tangent entry " + k);
        }
    }

    @Property(tries = 40)
    void whiteningMatchesTwoGeneralProducts(@ForAll long seed, @ForAll @IntRange(min = 1, max = 64) int n) {
        Random r = new Random(seed);
        DMatrixRMaj w = EjmlReference.withSpectrum(r, illConditioned(r, n));
        DMatrixRMaj c = EjmlReference.withSpectrum(r, repeated(r, n));
        DMatrixRMaj wc = new DMatrixRMaj(n, n);
        DMatrixRMaj expected = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(w, c, wc);
        CommonOps_DDRM.mult(wc, w, expected);
        DMatrixRMaj actual = Spd.whiten(w, c, new DMatrixRMaj(n, n), new DMatrixRMaj(n, n));
        assertClose(expected, actual, 1e-13 * n * maxAbs(expected), "W C W");
    }

    private static double maxAbs(DMatrixRMaj m) {
        return Math.max(1, CommonOps_DDRM.elementMaxAbs(m));
    }
}
