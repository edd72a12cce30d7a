package org.neuroloop.lsl4j.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class RlsDejitterTest {

    /** RMS of (dejittered − true) over samples after {@code warmupSeconds}. */
    private static double rmsError(
            double rate,
            double trueRate,
            double jitterSd,
            double seconds,
            double warmupSeconds,
            double halfTime,
            long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        RlsDejitter d = new RlsDejitter(rate, halfTime);
        double t0 = 1234.5678;
        int n = (int) (seconds * rate);
        double sum = 0;
        int count = 0;
        for (int k = 0; k < n; k++) {
            double truth = t0 + k / trueRate;
            double noisy = truth + jitterSd * gaussian(rnd);
            double out = d.apply(noisy);
            if (k >= warmupSeconds * rate) {
                sum += (out - truth) * (out - truth);
                count++;
            }
        }
        return Math.sqrt(sum / count);
    }

    private static double gaussian(SplittableRandom rnd) {
        double u1 = rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    @Test
    void jitteredTimestampsOfA250HzStreamBecomeNearlyExact() {
        double jitter = 0.002; // 2 ms SD, half a sample period
        double rms = rmsError(250, 250, jitter, 60, 10, 90, 42);
        assertTrue(rms < jitter / 10, "dejittered RMS error " + rms + " should be << jitter " + jitter);
    }

    @Test
    void exactTimestampsStayExact() {
        RlsDejitter d = new RlsDejitter(500, 90);
        for (int k = 0; k < 5000; k++) {
            double t = 10 + k / 500.0;
            assertEquals(t, d.apply(t), 1e-9);
        }
        assertEquals(1 / 500.0, d.fittedPeriod(), 1e-12);
    }

    @Test
    void tracksAClockThatRunsOffNominal() {
        // device clock 0.02 % fast: the fitted period follows the real one, not the nominal one
        double rms = rmsError(250, 250.05, 0.001, 60, 10, 30, 7);
        assertTrue(rms < 1e-4, "rms " + rms);
    }

    @Test
    void irregularStreamsPassThrough() {
        RlsDejitter d = new RlsDejitter(0, 90);
        assertEquals(3.25, d.apply(3.25));
        assertEquals(1.0, d.lambda());
    }

    @Test
    void forgettingFactorHasTheRequestedHalfTime() {
        RlsDejitter d = new RlsDejitter(250, 90);
        assertEquals(0.5, Math.pow(d.lambda(), 250 * 90), 1e-12);
    }

    @Property(tries = 30)
    void dejitteredErrorIsFarBelowJitter(
            @ForAll @DoubleRange(min = 100, max = 1000) double rate,
            @ForAll @DoubleRange(min = 0.1, max = 3) double jitterMs,
            @ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        double jitter = jitterMs / 1000;
        double rms = rmsError(rate, rate, jitter, 30, 10, 90, seed);
        assertTrue(rms < jitter / 5, "rate " + rate + " jitter " + jitter + ": rms " + rms);
    }
}
