package org.neuroloop.dsp.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Filtering with a state kept outside the filter gives bitwise what the filter's own state gives. */
class SosFilterCarriedStateTest {

    private static final IirFilter DESIGN = Butterworth.bandpass(4, 0.3, 35, 500);

    @Test
    void carriedStateEqualsOwnStateBitwiseAndLeavesTheFilterAlone() {
        int channels = 7;
        SosFilter own = SosFilter.zeroState(DESIGN, channels);
        SosFilter shared = SosFilter.zeroState(DESIGN, channels);
        double[] untouched = shared.state();
        double[] carried = shared.state();
        Random rnd = new Random(3);
        for (int chunk = 0; chunk < 50; chunk++) {
            double[] x = new double[(1 + chunk % 6) * channels];
            for (int i = 0; i < x.length; i++) {
                x[i] = 50 * rnd.nextGaussian();
            }
            double[] expected = own.process(x);
            double[] y = x.clone();
            assertTrue(shared.processInPlace(y, carried));
            assertArrayEquals(expected, y, 0.0, "chunk " + chunk);
            assertArrayEquals(own.state(), carried, 0.0, "state after chunk " + chunk);
        }
        assertArrayEquals(untouched, shared.state(), 0.0);
    }

    @Test
    void nonFiniteInputOrOverflowIsReported() {
        SosFilter f = SosFilter.zeroState(DESIGN, 2);
        double[] carried = f.state();
        assertFalse(f.processInPlace(new double[] {1, Double.NaN}, carried));
        double[] huge = f.state();
        Arrays.fill(huge, Double.MAX_VALUE); // finite, but the first output already exceeds the double range
        assertFalse(f.processInPlace(new double[] {Double.MAX_VALUE, Double.MAX_VALUE}, huge));
    }

    @Test
    void wrongShapesAreRejected() {
        SosFilter f = SosFilter.zeroState(DESIGN, 2);
        assertThrows(IllegalArgumentException.class, () -> f.processInPlace(new double[3], f.state()));
        assertThrows(IllegalArgumentException.class, () -> f.processInPlace(new double[4], new double[3]));
    }

    @Test
    void stateRoundTripsThroughAnOffset() {
        SosFilter a = SosFilter.zeroState(DESIGN, 3);
        a.process(new double[] {1, 2, 3, 4, 5, 6});
        double[] store = new double[a.stateLength() + 5];
        Arrays.fill(store, -1);
        a.copyStateTo(store, 2);
        SosFilter b = SosFilter.zeroState(DESIGN, 3);
        b.setState(store, 2);
        assertArrayEquals(a.state(), b.state(), 0.0);
        assertArrayEquals(a.process(new double[] {7, 8, 9}), b.process(new double[] {7, 8, 9}), 0.0);
        store[3] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> b.setState(store, 2));
        assertThrows(IllegalArgumentException.class, () -> b.setState(store, 6));
    }
}
