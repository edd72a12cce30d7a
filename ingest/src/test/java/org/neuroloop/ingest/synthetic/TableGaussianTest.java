package org.neuroloop.ingest.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The table-driven draws are standard normal in their moments and bulk, uncorrelated, and set by the seed. */
class TableGaussianTest {

    private static final int N = 2_000_000;

    @Test
    void drawsAreStandardNormal() {
        TableGaussian g = new TableGaussian(42);
        double sum = 0;
        double squares = 0;
        double fourth = 0;
        int withinOneSd = 0;
        int beyondTwoSd = 0;
        for (int i = 0; i < N; i++) {
            double x = g.nextGaussian();
            sum += x;
            squares += x * x;
            fourth += x * x * x * x;
            if (Math.abs(x) < 1) {
                withinOneSd++;
            }
            if (Math.abs(x) > 2) {
                beyondTwoSd++;
            }
        }
        double mean = sum / N;
        double variance = squares / N - mean * mean;
        // standard errors: mean 1/sqrt(N) = 7e-4, variance sqrt(2/N) = 1e-3, kurtosis ~ sqrt(96/N) = 7e-3
        assertEquals(0, mean, 4e-3, "mean");
        assertEquals(1, variance, 6e-3, "variance");
        assertEquals(3, fourth / N / (variance * variance), 0.05, "kurtosis");
        assertEquals(0.6827, (double) withinOneSd / N, 3e-3, "P(|x| < 1)");
        assertEquals(0.0455, (double) beyondTwoSd / N, 1.5e-3, "P(|x| > 2)");
    }

    @Test
    void successiveDrawsAreUncorrelated() {
        TableGaussian g = new TableGaussian(7);
        double previous = g.nextGaussian();
        double lagged = 0;
        double squares = 0;
        for (int i = 0; i < N; i++) {
            double x = g.nextGaussian();
            lagged += x * previous;
            squares += x * x;
            previous = x;
        }
        // one 64-bit draw feeds four values: neighbours inside it and across draws must both be independent
        assertEquals(0, lagged / squares, 4e-3, "lag-1 correlation");
    }

    @Test
    void theSeedSetsTheSequence() {
        TableGaussian a = new TableGaussian(3);
        TableGaussian b = new TableGaussian(3);
        TableGaussian c = new TableGaussian(4);
        boolean differs = false;
        for (int i = 0; i < 1000; i++) {
            double x = a.nextGaussian();
            assertEquals(x, b.nextGaussian());
            differs |= x != c.nextGaussian();
        }
        assertTrue(differs, "another seed gives another sequence");
    }

    @Test
    void batchDrawsEqualSingleDrawsWhereverTheBatchesSplit() {
        TableGaussian single = new TableGaussian(9);
        TableGaussian batch = new TableGaussian(9);
        double[] out = new double[200];
        // batch lengths that start and end at every position within a 64-bit draw
        int[] lengths = {1, 3, 4, 7, 64, 2, 5, 138, 0, 9};
        for (int len : lengths) {
            batch.nextGaussians(out, 3, 3 + len);
            for (int i = 0; i < len; i++) {
                assertEquals(single.nextGaussian(), out[3 + i], "draw " + i + " of a batch of " + len);
            }
        }
    }
}
