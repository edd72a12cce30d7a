package org.neuroloop.closedloop.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.ChunkFlags;
import org.neuroloop.dsp.record.DetectedEvent;

class AmplitudeThresholdTriggerTest {

    /** Two channels; channel 1 carries {@code ch1}, channel 0 is a decoy with huge values. */
    static Chunk chunk(double t0, int flags, double... ch1) {
        double[] ts = new double[ch1.length];
        for (int i = 0; i < ch1.length; i++) {
            ts[i] = t0 + i * 0.004;
        }
        return chunk(ts, flags, ch1);
    }

    static Chunk chunk(double[] ts, int flags, double... ch1) {
        double[] x = new double[ch1.length * 2];
        for (int i = 0; i < ch1.length; i++) {
            x[2 * i] = 1e6;
            x[2 * i + 1] = ch1[i];
        }
        return new Chunk("S", 0, ts, x, 2, 250, flags);
    }

    final AmplitudeThresholdTrigger trigger = new AmplitudeThresholdTrigger(1, 100, 50);

    @Test
    void firesOnTheFirstSampleAtThresholdOncePerBurst() {
        List<DetectedEvent> events = new ArrayList<>();
        boolean above = trigger.detect(chunk(10.0, 0, 5, -20, -120, 300, 80, 40, 150), false, events::add);
        assertEquals(2, events.size(), "-120 fires, 300 and 80 do not (not re-armed), 40 re-arms, 150 fires");
        DetectedEvent e = events.get(0);
        assertEquals(10.008, e.firedAt(), 1e-12, "third sample, |-120| >= 100");
        assertEquals(120.0, e.value());
        assertEquals(100.0, e.threshold());
        assertEquals(10.024, events.get(1).firedAt(), 1e-12);
        assertTrue(above);
        events.clear();
        assertFalse(trigger.detect(chunk(11.0, 0, 120, 90, 10), true, events::add), "re-armed by the last sample");
        assertTrue(events.isEmpty(), "no re-arm before 120: no new event");
    }

    @Test
    void carriesTheChunkFlagsSoThePolicyCanRefuse() {
        List<DetectedEvent> events = new ArrayList<>();
        trigger.detect(chunk(1.0, ChunkFlags.CLIPPED, 500), false, events::add);
        assertEquals(ChunkFlags.CLIPPED, events.get(0).flags());
    }

    @Test
    void rejectsAChunkWithoutTheChannel() {
        Chunk oneChannel = new Chunk("S", 0, new double[] {1}, new double[] {1}, 1, 250, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trigger.detect(oneChannel, false, e2 -> { }));
        assertEquals("threshold trigger on channel 1: chunk of session S has only 1 channels", e.getMessage());
    }

    /** Chunking does not change the decisions: split anywhere, same event times. */
    @Property(tries = 200)
    void chunkBoundariesDoNotMatter(@ForAll @IntRange(min = 1, max = 37) int chunkLength) {
        double[] signal = new double[300];
        for (int i = 0; i < signal.length; i++) {
            signal[i] = 40 * Math.sin(i * 0.3) + ((i % 50) < 3 ? 200 : 0) * ((i / 50) % 2 == 0 ? 1 : -1);
        }
        List<Double> whole = fire(signal, signal.length);
        assertEquals(6, whole.size());
        assertEquals(whole, fire(signal, chunkLength));
    }

    private List<Double> fire(double[] signal, int len) {
        List<Double> times = new ArrayList<>();
        boolean above = false;
        for (int s = 0; s < signal.length; s += len) {
            double[] part = java.util.Arrays.copyOfRange(signal, s, Math.min(signal.length, s + len));
            double[] ts = new double[part.length];
            for (int i = 0; i < ts.length; i++) {
                ts[i] = (s + i) * 0.004;
            }
            above = trigger.detect(chunk(ts, 0, part), above, e -> times.add(e.firedAt()));
        }
        return times;
    }
}
