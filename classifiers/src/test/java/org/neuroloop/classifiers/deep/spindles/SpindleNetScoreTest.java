package org.neuroloop.classifiers.deep.spindles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The relative score: a decision's logit as a robust z-score against the recording's own recent decisions. */
class SpindleNetScoreTest {

    private static double logistic(double logit) {
        return 1 / (1 + Math.exp(-logit));
    }

    @Test
    void theSameRiseAboveTwoDifferentBackgroundsScoresTheSame() {
        double[] low = run(-3);
        double[] high = run(1);
        int warm = SpindleNetScore.WARMUP_SECONDS * 25;
        for (int i = 0; i < warm; i++) {
            assertTrue(Double.isNaN(low[i]), "warming up at " + i);
        }
        // the background scores around 0 and the rise by 2 logits far above it, whatever the background's level
        double[] background = Arrays.copyOfRange(low, low.length - 10 - 250, low.length - 10);
        Arrays.sort(background);
        assertEquals(0, background[125], 1.5, "median z of the last 10 s of background");
        assertTrue(low[low.length - 1] > background[background.length - 1], "rise " + low[low.length - 1]);
        for (int i = warm; i < low.length; i++) {
            assertEquals(low[i], high[i], 1e-6, "decision " + i);
        }
    }

    /** 60 s of a noisy logit around {@code level} at 25 decisions a second, then 10 decisions 2 logits higher. */
    private static double[] run(double level) {
        Random r = new Random(5);
        SpindleNetScore s = new SpindleNetScore(true, 25);
        int n = 60 * 25;
        double[] z = new double[n + 10];
        for (int i = 0; i < n + 10; i++) {
            double logit = level + 0.3 * r.nextGaussian() + (i >= n ? 2 : 0);
            z[i] = s.score(logistic(logit));
        }
        return z;
    }

    @Test
    void withoutRelativeTheScoreIsTheProbabilityAndThereIsNoState() {
        SpindleNetScore s = new SpindleNetScore(false, 25);
        assertEquals(0.7, s.score(0.7), 0);
        assertEquals(0, s.stateSize());
    }

    @Test
    void stateRoundTrips() {
        SpindleNetScore a = new SpindleNetScore(true, 25);
        Random r = new Random(2);
        for (int i = 0; i < 400; i++) {
            a.score(r.nextDouble());
        }
        double[] st = new double[a.stateSize() + 3];
        a.saveState(st, 3);
        SpindleNetScore b = new SpindleNetScore(true, 25);
        b.loadState(st, 3);
        for (int i = 0; i < 100; i++) {
            double p = r.nextDouble();
            assertEquals(a.score(p), b.score(p), 0);
        }
    }
}
