package org.neuroloop.dsp.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.neuroloop.dsp.testing.Fixtures;

/** iirnotch against scipy: (b, a) to 1e-10 relative, lfilter output from zero state to 1e-9. */
class IirNotchTest {

    @Test
    void matchesScipyIirnotchAndLfilter() {
        int seen = 0;
        for (JsonNode c : Fixtures.read("iir_filters.json").get("cases")) {
            if (!c.get("btype").asText().equals("notch")) {
                continue;
            }
            seen++;
            double f0 = c.get("f0_hz").asDouble();
            double q = c.get("q").asDouble();
            double fs = c.get("fs").asDouble();
            double[][] ba = Fixtures.toMatrix(c.get("ba"));
            TransferFunction tf = IirNotch.coefficients(f0, q, fs);
            for (int j = 0; j < 3; j++) {
                assertEquals(ba[0][j], tf.b()[j], 1e-10 * Math.abs(ba[0][j]), "b" + j);
                assertEquals(ba[1][j], tf.a()[j], 1e-10 * Math.abs(ba[1][j]), "a" + j);
            }
            double[] x = Fixtures.toDoubleArray(c.get("x"));
            double[] y = SosFilter.zeroState(IirNotch.design(f0, q, fs), 1).process(x);
            assertArrayEquals(Fixtures.toDoubleArray(c.get("y_zero_state")), y, 1e-9, "notch " + f0 + " Hz Q=" + q);
        }
        assertEquals(2, seen);
    }

    @Test
    void removesTheNotchFrequency() {
        IirFilter f = IirNotch.design(50, 30, 250);
        assertTrue(f.magnitudeAt(50) < 1e-12);
        assertEquals(1.0, f.magnitudeAt(10), 1e-2);
        assertEquals(Math.sqrt(0.5), f.magnitudeAt(50 + 50 / 30.0 / 2), 2e-2);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> IirNotch.design(0, 30, 250));
        assertThrows(IllegalArgumentException.class, () -> IirNotch.design(125, 30, 250));
        assertThrows(IllegalArgumentException.class, () -> IirNotch.design(50, 0, 250));
        assertThrows(IllegalArgumentException.class, () -> IirNotch.design(50, Double.NaN, 250));
        assertThrows(IllegalArgumentException.class, () -> IirNotch.design(50, 30, -1));
    }
}
