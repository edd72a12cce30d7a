package org.neuroloop.lsl4j.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TimestampStagesTest {

    @Property(tries = 200)
    void monotonizedTimestampsNeverDecreaseAndAreTheRunningMaximum(@ForAll @Size(min = 1, max = 200) double[] raw) {
        Monotonizer m = new Monotonizer();
        double max = Double.NEGATIVE_INFINITY;
        for (double t : raw) {
            if (Double.isNaN(t)) {
                continue;
            }
            max = Math.max(max, t);
            assertEquals(max, m.apply(t));
        }
    }

    @Test
    void jumpDetectorFlagsBackwardStepsAndLongForwardStepsOnly() {
        ClockJumpDetector d = new ClockJumpDetector(100, 0.05);
        assertFalse(d.isJump(10.00));
        assertFalse(d.isJump(10.01));
        assertFalse(d.isJump(10.05)); // 40 ms late: within period + tolerance
        assertTrue(d.isJump(10.20)); // 150 ms step
        assertFalse(d.isJump(10.19)); // 10 ms back: jitter
        assertTrue(d.isJump(9.0)); // 1.19 s back
        ClockJumpDetector irregular = new ClockJumpDetector(0, 0.05);
        irregular.isJump(1);
        assertFalse(irregular.isJump(100));
        assertTrue(irregular.isJump(50));
    }

    @Test
    void offsetIsMeasuredOnScheduleSmoothedAndJumpsAreReported() {
        double[] measurements = {0.010, 0.012, 0.008, 0.010, 2.5, 2.5};
        AtomicInteger calls = new AtomicInteger();
        ClockOffsetCorrector c = new ClockOffsetCorrector(() -> measurements[calls.getAndIncrement()], 1.0, 0.5, 0.1);
        c.refresh(100.0);
        assertEquals(0.010, c.offset(), 1e-15);
        c.refresh(100.5); // not due
        assertEquals(1, calls.get());
        c.refresh(101.0);
        assertEquals(0.011, c.offset(), 1e-15);
        c.refresh(102.0);
        assertEquals(0.0095, c.offset(), 1e-15);
        c.refresh(103.0);
        assertEquals(0.00975, c.offset(), 1e-15);
        assertFalse(c.takeJump());
        c.refresh(104.0);
        assertEquals(2.5, c.offset(), 1e-15);
        assertTrue(c.takeJump());
        assertFalse(c.takeJump());
        double[] ts = {1.0, 2.0};
        c.apply(ts, 2);
        assertEquals(3.5, ts[0]);
        assertEquals(4.5, ts[1]);
        assertThrows(IllegalArgumentException.class, () -> new ClockOffsetCorrector(() -> 0, 1, 0, 0.1));
    }

    @Test
    void pipelineMapsJitteredRemoteTimesOntoTheLocalClock() {
        double offset = -3.25;
        SplittableRandom rnd = new SplittableRandom(3);
        double[] now = {0};
        TimestampPipeline p = new TimestampPipeline(
                TimestampSettings.defaults(),
                250,
                () -> offset + 1e-4 * (rnd.nextDouble() - 0.5),
                () -> false,
                () -> now[0]);
        int chunk = 10;
        double[] ts = new double[chunk];
        double worst = 0;
        for (int c = 0; c < 1500; c++) { // 60 s
            for (int i = 0; i < chunk; i++) {
                int k = c * chunk + i;
                ts[i] = 500 + k / 250.0 + 0.002 * (rnd.nextDouble() - 0.5) * 2;
            }
            now[0] = 500 - offset + (c + 1) * chunk / 250.0;
            assertFalse(p.process(ts, chunk));
            if (c > 500) {
                for (int i = 0; i < chunk; i++) {
                    int k = c * chunk + i;
                    worst = Math.max(worst, Math.abs(ts[i] - (500 + offset + k / 250.0)));
                }
            }
        }
        assertTrue(worst < 2e-4, "worst error " + worst + " s after 20 s, input jitter +-2 ms");
    }

    @Test
    void clockResetAndTimestampJumpsAreFlaggedAndTheFitRestarts() {
        AtomicBoolean reset = new AtomicBoolean();
        TimestampPipeline p = new TimestampPipeline(
                TimestampSettings.defaults().withClockSync(false), 100, () -> 0, reset::get, () -> 0);
        double[] ts = new double[5];
        for (int c = 0; c < 10; c++) {
            for (int i = 0; i < 5; i++) {
                ts[i] = 50 + (c * 5 + i) / 100.0;
            }
            assertFalse(p.process(ts, 5));
        }
        // the source's clock restarted near 0: flagged, and time is not frozen at the old maximum
        for (int i = 0; i < 5; i++) {
            ts[i] = 1 + i / 100.0;
        }
        assertTrue(p.process(ts, 5));
        assertEquals(1.04, ts[4], 1e-9);
        for (int i = 0; i < 5; i++) {
            ts[i] = 1.05 + i / 100.0;
        }
        assertFalse(p.process(ts, 5));
        assertEquals(1.09, ts[4], 1e-9);
        reset.set(true);
        assertTrue(p.process(ts, 5));
    }
}
