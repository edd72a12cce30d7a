package org.neuroloop.dsp.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuroloop.dsp.testing.Fixtures;

/** Butterworth SOS design against scipy.signal.butter(output='sos'), coefficients to 1e-10 relative. */
class ButterworthTest {

    static final double DESIGN_RTOL = 1e-10;

    static Stream<Arguments> butterCases() {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : Fixtures.read("iir_filters.json").get("cases")) {
            if (!c.get("btype").asText().equals("notch")) {
                out.add(Arguments.of("shared " + label(c), c));
            }
        }
        for (JsonNode c : Fixtures.readResource("/dsp_extra.json").get("butter")) {
            out.add(Arguments.of("extra " + label(c), c));
        }
        return out.stream();
    }

    static String label(JsonNode c) {
        return c.get("btype").asText() + " N=" + c.get("order").asInt() + " " + c.get("cutoff_hz") + " Hz fs="
                + c.get("fs").asDouble();
    }

    static IirFilter design(JsonNode c) {
        JsonNode cut = c.get("cutoff_hz");
        double[] cutoffs = cut.isArray() ? Fixtures.toDoubleArray(cut) : new double[] {cut.asDouble()};
        return Butterworth.design(
                c.get("order").asInt(),
                FilterKind.parse(c.get("btype").asText()),
                cutoffs,
                c.get("fs").asDouble());
    }

    /** Each section row compared relative to the row's largest coefficient, so exact zeros (b1 = 0) are fine. */
    static void assertSosClose(double[][] expected, double[][] actual, double rtol, String what) {
        assertEquals(expected.length, actual.length, what + ": section count");
        for (int s = 0; s < expected.length; s++) {
            double scaleB =
                    Math.max(Math.abs(expected[s][0]), Math.max(Math.abs(expected[s][1]), Math.abs(expected[s][2])));
            double scaleA = Math.max(1, Math.max(Math.abs(expected[s][4]), Math.abs(expected[s][5])));
            for (int j = 0; j < 6; j++) {
                double scale = j < 3 ? scaleB : scaleA;
                assertEquals(
                        expected[s][j],
                        actual[s][j],
                        rtol * scale,
                        what + ": section " + s + " coefficient " + j + " (expected row " + Arrays.toString(expected[s])
                                + ", got " + Arrays.toString(actual[s]) + ")");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("butterCases")
    void matchesScipyButterSos(String name, JsonNode c) {
        IirFilter f = design(c);
        assertSosClose(Fixtures.toMatrix(c.get("sos")), f.sections(), DESIGN_RTOL, name);
        assertEquals(c.get("order").asInt(), f.order());
    }

    @Test
    void bandpassHasUnitGainInBandAndHalfPowerAtEdges() {
        IirFilter f = Butterworth.bandpass(4, 8, 30, 250);
        assertEquals(1.0, f.magnitudeAt(Math.sqrt(8 * 30.0)), 1e-3);
        assertEquals(Math.sqrt(0.5), f.magnitudeAt(8), 1e-9);
        assertEquals(Math.sqrt(0.5), f.magnitudeAt(30), 1e-9);
        assertTrue(f.magnitudeAt(1) < 1e-3);
        assertTrue(f.magnitudeAt(100) < 1e-3);
    }

    @Test
    void printsLikeMneLsl() {
        assertEquals(
                "<IIR 4th causal filter @ (1, 40) Hz (butter)>",
                Butterworth.bandpass(4, 1, 40, 250).toString());
        assertEquals(
                "<IIR 2nd causal filter @ (None, 40) Hz (butter)>",
                Butterworth.lowpass(2, 40, 250).toString());
        assertEquals(
                "<IIR 1st causal filter @ (0.5, None) Hz (butter)>",
                Butterworth.highpass(1, 0.5, 250).toString());
        assertEquals(
                "<IIR 3rd causal filter @ (48, 52) Hz (butter)>",
                Butterworth.bandstop(3, 48, 52, 250).toString());
        assertEquals(
                "<IIR 2nd causal filter @ (50, 50) Hz (notch)>",
                IirNotch.design(50, 30, 250).toString());
    }

    @Test
    void rejectsBadDesigns() {
        assertThrows(IllegalArgumentException.class, () -> Butterworth.lowpass(0, 40, 250));
        assertThrows(IllegalArgumentException.class, () -> Butterworth.lowpass(4, 0, 250));
        assertThrows(IllegalArgumentException.class, () -> Butterworth.lowpass(4, -1, 250));
        assertThrows(IllegalArgumentException.class, () -> Butterworth.lowpass(4, 125, 250));
        assertThrows(IllegalArgumentException.class, () -> Butterworth.highpass(4, 200, 250));
        assertThrows(IllegalArgumentException.class, () -> Butterworth.lowpass(4, Double.NaN, 250));
        assertThrows(IllegalArgumentException.class, () -> Butterworth.lowpass(4, 40, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Butterworth.lowpass(4, 40, 0));
        assertThrows(IllegalArgumentException.class, () -> Butterworth.bandpass(4, 30, 8, 250));
        assertThrows(IllegalArgumentException.class, () -> Butterworth.bandpass(4, 8, 8, 250));
        assertThrows(IllegalArgumentException.class, () -> Butterworth.bandstop(4, 8, 130, 250));
        assertThrows(
                IllegalArgumentException.class,
                () -> Butterworth.design(4, FilterKind.BANDPASS, new double[] {8}, 250));
        assertThrows(
                IllegalArgumentException.class, () -> Butterworth.design(4, FilterKind.NOTCH, new double[] {50}, 250));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Butterworth.lowpass(4, 130, 250));
        assertTrue(e.getMessage().contains("130") && e.getMessage().contains("Nyquist"), e.getMessage());
    }

    @Test
    void rejectsUnstableSections() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new IirFilter(
                        new double[][] {{1, 0, 0, 1, -2.5, 1.2}},
                        FilterKind.LOWPASS,
                        Double.NaN,
                        10,
                        2,
                        "custom",
                        100));
        assertTrue(e.getMessage().contains("unstable"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> new IirFilter(
                        new double[][] {{1, 0, 0, 1, 0, 1.0}}, FilterKind.LOWPASS, Double.NaN, 10, 2, "custom", 100));
        assertThrows(
                IllegalArgumentException.class,
                () -> new IirFilter(
                        new double[][] {{1, 0, 0, 2, 0, 0}}, FilterKind.LOWPASS, Double.NaN, 10, 2, "custom", 100));
        assertThrows(
                IllegalArgumentException.class,
                () -> new IirFilter(
                        new double[][] {{1, 0, Double.NaN, 1, 0, 0}},
                        FilterKind.LOWPASS,
                        Double.NaN,
                        10,
                        2,
                        "custom",
                        100));
        assertThrows(
                IllegalArgumentException.class,
                () -> new IirFilter(new double[0][], FilterKind.LOWPASS, Double.NaN, 10, 2, "custom", 100));
    }

    @Test
    void highOrderDesignsStayStable() {
        for (int n = 1; n <= 12; n++) {
            IirFilter f = Butterworth.bandpass(n, 0.5, 45, 500);
            assertEquals(n, f.sectionCount());
            assertEquals(Math.sqrt(0.5), f.magnitudeAt(45), 1e-6, "N=" + n);
        }
    }
}
