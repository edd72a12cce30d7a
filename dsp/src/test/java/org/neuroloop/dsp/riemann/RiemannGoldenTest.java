package org.neuroloop.dsp.riemann;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.neuroloop.dsp.riemann.Matrices.assertClose;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neuroloop.dsp.testing.Fixtures;

/** Golden values from {@code ../shared/fixtures/riemann.json} (pyRiemann 0.9). */
class RiemannGoldenTest {

    private static final double TOL = 1e-10;
    private static final double ITERATIVE_TOL = 1e-6;
    private static JsonNode fx;
    private static List<DMatrixRMaj> mats;

    @BeforeAll
    static void load() {
        fx = Fixtures.read("riemann.json");
        mats = Matrices.of(Fixtures.toTensor3(fx.get("matrices")));
    }

    private static DMatrixRMaj expected(String key) {
        return new DMatrixRMaj(Fixtures.toMatrix(fx.get(key)));
    }

    @Test
    void matrixFunctionsOfFirstMatrix() {
        DMatrixRMaj c = mats.get(0);
        assertClose(expected("sqrtm_0"), Spd.sqrt(c), TOL, "sqrtm");
        assertClose(expected("invsqrtm_0"), Spd.invsqrt(c), TOL, "invsqrtm");
        assertClose(expected("logm_0"), Spd.log(c), TOL, "logm");
        assertClose(expected("expm_logm_0"), Spd.exp(Spd.log(c)), TOL, "expm(logm)");
    }

    @Test
    void affineInvariantDistance() {
        double expected = fx.get("distance_riemann_0_1").doubleValue();
        assertEquals(expected, RiemannDistance.between(mats.get(0), mats.get(1)), 1e-10 * expected);
    }

    @Test
    void riemannianMeanMatchesPyRiemann() {
        assertClose(expected("mean_riemann"), RiemannMean.of(mats), ITERATIVE_TOL, "mean_riemann");
    }

    @Test
    void logEuclideanMeanMatchesPyRiemann() {
        assertClose(expected("mean_logeuclid"), LogEuclideanMean.of(mats), TOL, "mean_logeuclid");
    }

    @Test
    void tangentSpaceAtRiemannianMean() {
        double[][] expected = Fixtures.toMatrix(fx.get("tangent_space_at_mean"));
        TangentSpace ts = TangentSpace.at(RiemannMean.of(mats));
        double[][] actual = ts.projectAll(mats);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i].length, actual[i].length, "tangent vector length");
            for (int k = 0; k < expected[i].length; k++) {
                assertEquals(expected[i][k], actual[i][k], ITERATIVE_TOL, "tangent vector " + i + " entry " + k);
            }
        }
    }
}
