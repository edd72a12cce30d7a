package org.neuroloop.dsp.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ReReferenceTest {

    @Test
    void commonAverageSubtractsTheMeanOfAllChannels() {
        double[] x = {1, 2, 3, 10, 20, 60};
        assertArrayEquals(
                new double[] {-1, 0, 1, -20, -10, 30},
                ReReference.commonAverage(3).apply(x),
                1e-12);
    }

    @Test
    void subsetSubtractsTheMeanOfTheReferenceChannels() {
        double[] x = {1, 2, 3, 10, 20, 60};
        assertArrayEquals(
                new double[] {-1, 0, 1, -25, -15, 25},
                ReReference.subset(3, 0, 2).apply(x),
                1e-12);
        assertArrayEquals(
                new double[] {-1, 0, 1, -10, 0, 40}, ReReference.subset(3, 1).apply(x), 1e-12);
    }

    /** After common average reference every sample sums to zero across channels; re-applying changes nothing. */
    @Property(tries = 30)
    void commonAverageIsZeroMeanAndIdempotent(@ForAll long seed, @ForAll @IntRange(min = 1, max = 70) int channels) {
        Random rnd = new Random(seed);
        double[] x = new double[channels * 20];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian() * 100;
        }
        ReReference car = ReReference.commonAverage(channels);
        double[] y = car.apply(x);
        for (int i = 0; i < 20; i++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += y[i * channels + c];
            }
            assertEquals(0, sum, 1e-9);
        }
        assertArrayEquals(y, car.apply(y), 1e-9);
    }

    @Test
    void rejectsBadSubsets() {
        assertThrows(IllegalArgumentException.class, () -> ReReference.subset(3));
        assertThrows(IllegalArgumentException.class, () -> ReReference.subset(3, 3));
        assertThrows(IllegalArgumentException.class, () -> ReReference.subset(3, -1));
        assertThrows(IllegalArgumentException.class, () -> ReReference.subset(3, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> ReReference.commonAverage(0));
        assertThrows(
                IllegalArgumentException.class,
                () -> ReReference.commonAverage(3).apply(new double[4]));
    }
}
