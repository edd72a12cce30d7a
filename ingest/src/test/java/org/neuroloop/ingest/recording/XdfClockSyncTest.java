package org.neuroloop.ingest.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The Huber fit recovers exact lines and ignores single outliers; resets split the offsets. */
class XdfClockSyncTest {

    @Property(tries = 50)
    void robustFitRecoversAnExactLine(
            @ForAll @DoubleRange(min = -1e6, max = 1e6) double a,
            @ForAll @DoubleRange(min = -100, max = 100) double driftPpm,
            @ForAll @DoubleRange(min = 0, max = 1e6) double start,
            @ForAll @IntRange(min = 2, max = 60) int n) {
        double b = driftPpm * 1e-6;
        double[] t = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = start + 5.0 * i;
            v[i] = a + b * t[i];
        }
        double[] c = XdfClockSync.robustFit(t, v);
        for (int i = 0; i < n; i++) {
            assertEquals(v[i], c[0] + c[1] * t[i], 1e-6 + 1e-12 * Math.abs(v[i]), "fitted offset at " + t[i]);
        }
    }

    @Test
    void oneOutlierBarelyMovesTheFit() {
        int n = 30;
        double[] t = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 100 + 5 * i;
            v[i] = -0.01 + 1e-6 * t[i];
        }
        v[10] += 0.05; // a 50 ms outlier: Huber loss caps its pull
        double[] c = XdfClockSync.robustFit(t, v);
        assertEquals(-0.01 + 1e-6 * 200, c[0] + c[1] * 200, 5e-5);
    }

    @Test
    void resetsSplitSegments() {
        double[] t = {10, 15, 20, 25, 30, 3, 8, 13, 18};
        double[] v = {-100, -100, -100, -100, -100, 50, 50, 50, 50};
        List<int[]> s = XdfClockSync.segments(t, v);
        assertEquals(2, s.size());
        assertEquals(0, s.get(0)[0]);
        assertEquals(4, s.get(0)[1]);
        assertEquals(5, s.get(1)[0]);
        assertEquals(8, s.get(1)[1]);
    }
}
