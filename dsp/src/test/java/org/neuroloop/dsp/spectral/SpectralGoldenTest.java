package org.neuroloop.dsp.spectral;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuroloop.dsp.testing.Fixtures;

/** rfft, Welch and Hilbert against numpy/scipy (../shared/fixtures/spectral.json and dsp_extra.json), to 1e-9. */
class SpectralGoldenTest {

    static final double TOL = 1e-9;

    static double maxAbs(double[] v) {
        double m = 0;
        for (double d : v) {
            m = Math.max(m, Math.abs(d));
        }
        return m;
    }

    /** Phases compared on the circle so +pi and -pi agree. */
    static void assertPhaseEquals(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int t = 0; t < expected.length; t++) {
            double d = Math.IEEEremainder(actual[t] - expected[t], 2 * Math.PI);
            assertEquals(0, d, tol, what + " at sample " + t + ": expected " + expected[t] + ", got " + actual[t]);
        }
    }

    @Test
    void sharedFixture() {
        JsonNode root = Fixtures.read("spectral.json");
        double fs = root.get("fs").asDouble();
        double[] x = Fixtures.toDoubleArray(root.get("x"));

        ComplexSpectrum X = RealFft.rfft(x);
        double[] re = Fixtures.toDoubleArray(root.get("rfft_re"));
        double[] im = Fixtures.toDoubleArray(root.get("rfft_im"));
        double scale = Math.max(1, maxAbs(re));
        assertArrayEquals(re, X.re(), TOL * scale, "rfft real");
        assertArrayEquals(im, X.im(), TOL * scale, "rfft imag");

        JsonNode w = root.get("welch");
        assertEquals("hann", w.get("window").asText());
        assertEquals("constant", w.get("detrend").asText());
        assertEquals("density", w.get("scaling").asText());
        PowerSpectrum psd =
                Welch.psd(x, fs, w.get("nperseg").asInt(), w.get("noverlap").asInt());
        assertArrayEquals(Fixtures.toDoubleArray(w.get("f")), psd.frequencies(), 1e-12, "welch f");
        double[] expectedPsd = Fixtures.toDoubleArray(w.get("psd"));
        assertArrayEquals(expectedPsd, psd.density(), TOL * Math.max(1, maxAbs(expectedPsd)), "welch psd");

        AnalyticSignal a = Hilbert.analytic(x);
        double[] env = Fixtures.toDoubleArray(root.get("hilbert_envelope"));
        assertArrayEquals(env, a.envelope(), TOL * Math.max(1, maxAbs(env)), "hilbert envelope");
        assertPhaseEquals(Fixtures.toDoubleArray(root.get("hilbert_phase")), a.phase(), TOL, "hilbert phase");
    }

    @Test
    void oddAndEvenLengths() {
        JsonNode spectral = Fixtures.readResource("/dsp_extra.json").get("spectral");
        int seen = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = spectral.fields(); it.hasNext(); seen++) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode c = e.getValue();
            double[] x = Fixtures.toDoubleArray(c.get("x"));
            ComplexSpectrum X = RealFft.rfft(x);
            assertArrayEquals(Fixtures.toDoubleArray(c.get("rfft_re")), X.re(), TOL, e.getKey() + " rfft real");
            assertArrayEquals(Fixtures.toDoubleArray(c.get("rfft_im")), X.im(), TOL, e.getKey() + " rfft imag");
            AnalyticSignal a = Hilbert.analytic(x);
            assertArrayEquals(Fixtures.toDoubleArray(c.get("hilbert_re")), a.re(), TOL, e.getKey() + " hilbert real");
            assertArrayEquals(Fixtures.toDoubleArray(c.get("hilbert_im")), a.im(), TOL, e.getKey() + " hilbert imag");
        }
        assertEquals(4, seen);
    }

    @Test
    void welchSegmentations() {
        JsonNode root = Fixtures.readResource("/dsp_extra.json");
        double[] x = Fixtures.toDoubleArray(root.get("welch_x"));
        for (JsonNode c : root.get("welch")) {
            String name = "nperseg=" + c.get("nperseg") + " noverlap=" + c.get("noverlap");
            PowerSpectrum psd = Welch.psd(
                    x,
                    c.get("fs").asDouble(),
                    c.get("nperseg").asInt(),
                    c.get("noverlap").asInt());
            assertArrayEquals(Fixtures.toDoubleArray(c.get("f")), psd.frequencies(), 1e-12, name + " f");
            double[] expected = Fixtures.toDoubleArray(c.get("psd"));
            assertArrayEquals(expected, psd.density(), TOL * Math.max(1, maxAbs(expected)), name + " psd");
        }
    }
}
