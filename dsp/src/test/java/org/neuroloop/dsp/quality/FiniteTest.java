package org.neuroloop.dsp.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The branch-free check agrees with {@link Double#isFinite} on every kind of value and on sub-ranges. */
class FiniteTest {

    @Test
    void edgeValues() {
        assertTrue(Finite.all(new double[0]));
        assertTrue(Finite.all(
                new double[] {0.0, -0.0, Double.MIN_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL}));
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertFalse(Finite.all(new double[] {1, 2, bad, 4}), "with " + bad);
            assertFalse(Finite.all(new double[] {bad}), "alone: " + bad);
        }
        // a NaN with an unusual payload and sign is still not finite
        assertFalse(Finite.all(new double[] {Double.longBitsToDouble(0xfff0000000000001L)}));
    }

    @Test
    void rangeLooksOnlyInsideIt() {
        double[] v = {Double.NaN, 1, 2, 3, Double.POSITIVE_INFINITY};
        assertTrue(Finite.all(v, 1, 4));
        assertFalse(Finite.all(v, 0, 2));
        assertFalse(Finite.all(v, 3, 5));
    }

    @Property
    void agreesWithIsFinite(@ForAll double[] values) {
        boolean expected = true;
        for (double d : values) {
            expected &= Double.isFinite(d);
        }
        assertEquals(expected, Finite.all(values));
    }
}
