package org.neuroloop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * Sequence breaks at the end of the job: a gap is samples lost, an overlap samples seen twice (a session's chunks
 * arrive in order, so a chunk that starts before the next expected sample repeats samples).
 */
class SoakMeterTest {

    @Test
    void countsGapsAndRepeatsPerSessionAndLagsPerInterval() {
        SoakMeter meter = SoakMeter.open("soak-meter-test");
        try {
            assertSame(meter, SoakMeter.named("soak-meter-test"));
            meter.record("a", 0, 5, 0.001);
            meter.record("a", 5, 5, 0.002);
            meter.record("b", 0, 5, 0.003);
            assertEquals(0, meter.samplesLostInGaps());
            meter.record("a", 15, 5, 0.004); // 10..14 never arrived
            meter.record("a", 17, 5, 0.005); // 17..19 again, then 20, 21
            assertEquals(5, meter.samplesLostInGaps());
            assertEquals(3, meter.samplesDuplicated());
            assertEquals(25, meter.samplesSeen());
            assertEquals(Map.of("a", 22L, "b", 5L), meter.nextSequence());
            Histogram first = meter.intervalLags();
            assertEquals(5, first.getTotalCount());
            assertEquals(5000, first.getMaxValue(), 5);
            meter.record("b", 5, 5, 0.010);
            Histogram second = meter.intervalLags();
            assertEquals(1, second.getTotalCount(), "an interval holds only its own chunks");
            assertEquals(10000, second.getMaxValue(), 10);
        } finally {
            SoakMeter.close("soak-meter-test");
        }
        assertThrows(IllegalStateException.class, () -> SoakMeter.named("soak-meter-test"));
    }
}
