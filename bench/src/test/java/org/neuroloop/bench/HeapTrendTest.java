package org.neuroloop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The heap's trend line: a known leak is found, flat noise is within noise, start-up and the end are left out. */
class HeapTrendTest {

    private static SoakBenchmark.Interval at(boolean startup, double seconds, double heapMb) {
        return new SoakBenchmark.Interval(startup, seconds, heapMb, 3, 10, 1, 2, 3, 100, 500, 0, 0, 0.001, 1);
    }

    private static List<SoakBenchmark.Interval> run(double mbPerHour, double noiseMb, long seed) {
        Random r = new Random(seed);
        List<SoakBenchmark.Interval> out = new ArrayList<>();
        out.add(at(true, 30, 500)); // start-up: far off the line
        for (int i = 1; i <= 60; i++) {
            double s = 30 + 60 * i;
            out.add(at(false, s, 40 + mbPerHour * s / 3600 + noiseMb * r.nextGaussian()));
        }
        out.add(at(false, 3635, 5)); // the job's end: tasks torn down
        return out;
    }

    @Test
    void findsALeakOfTenMegabytesPerHour() {
        HeapTrend t = HeapTrend.of(run(10, 0.5, 1));
        assertEquals(60, t.samples());
        assertEquals(10, t.slopeMbPerHour(), 1);
        assertFalse(t.withinNoise(), t.toString());
    }

    @Test
    void flatNoiseIsWithinNoise() {
        int within = 0;
        for (long seed = 0; seed < 20; seed++) {
            HeapTrend t = HeapTrend.of(run(0, 0.5, seed));
            assertTrue(t.slopeStdErrMbPerHour() > 0 && Math.abs(t.slopeMbPerHour()) < 3, t.toString());
            within += t.withinNoise() ? 1 : 0;
        }
        // two standard errors hold ~95 % of flat runs
        assertTrue(within >= 16, within + " of 20");
    }

    @Test
    void tooFewSamplesCannotTell() {
        HeapTrend t = HeapTrend.of(List.of(at(true, 15, 40), at(false, 75, 41)));
        assertEquals(1, t.samples());
        assertFalse(t.withinNoise());
    }
}
