package org.neuroloop.classifiers.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.neuroloop.classifiers.detect.ThresholdParameters.Measure;
import org.neuroloop.dsp.record.Chunk;

class ThresholdDetectorTest {
    static final ThresholdParameters AMPLITUDE = new ThresholdParameters(Measure.AMPLITUDE, 100, 50, 12, 15, 2, 0.2);

    /** Two channels; channel 1 carries {@code ch1}, channel 0 is a decoy with huge values. */
    static Chunk chunk(double[] ts, double... ch1) {
        double[] x = new double[ch1.length * 2];
        for (int i = 0; i < ch1.length; i++) {
            x[2 * i] = 1e6;
            x[2 * i + 1] = ch1[i];
        }
        return new Chunk("S", 0, ts, x, 2, 250, 0);
    }

    static Chunk chunk(double t0, double... ch1) {
        double[] ts = new double[ch1.length];
        for (int i = 0; i < ch1.length; i++) {
            ts[i] = t0 + i * 0.004;
        }
        return chunk(ts, ch1);
    }

    @Test
    void firesOnTheFirstSampleAtThresholdOncePerBurst() {
        ThresholdDetector d = new ThresholdDetector(AMPLITUDE, new int[] {1}, 250);
        List<double[]> events = new ArrayList<>();
        d.scan(chunk(10.0, 5, -20, -120, 300, 80, 40, 150), false, (t, v) -> events.add(new double[] {t, v}));
        assertEquals(2, events.size(), "-120 fires, 300 and 80 do not (not re-armed), 40 re-arms, 150 fires");
        assertEquals(10.008, events.get(0)[0], 1e-12, "third sample, |-120| >= 100");
        assertEquals(120.0, events.get(0)[1]);
        assertEquals(10.024, events.get(1)[0], 1e-12);
        events.clear();
        d.scan(chunk(11.0, 120, 90, 10), false, (t, v) -> events.add(new double[] {t, v}));
        assertTrue(events.isEmpty(), "still above the re-arm level from the last chunk: no new event");
    }

    @Test
    void nothingFiresOnABadChunk() {
        ThresholdDetector d = new ThresholdDetector(AMPLITUDE, new int[] {1}, 250);
        List<Double> times = new ArrayList<>();
        d.scan(chunk(1.0, 500), true, (t, v) -> times.add(t));
        d.scan(chunk(2.0, 500), false, (t, v) -> times.add(t));
        assertEquals(List.of(2.0), times);
    }

    @Test
    void rejectsAChunkWithoutTheChannel() {
        ThresholdDetector d = new ThresholdDetector(AMPLITUDE, new int[] {1}, 250);
        Chunk oneChannel = new Chunk("S", 0, new double[] {1}, new double[] {1}, 1, 250, 0);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> d.scan(oneChannel, false, (t, v) -> {}));
        assertEquals("threshold detector on channel 1: session S has 1 channels", e.getMessage());
    }

    @Test
    void bandPowerFiresOnAnInBandBurstAndNotOnAnOutOfBandOne() {
        ThresholdParameters p = new ThresholdParameters(Measure.BANDPOWER, 200, 50, 12, 15, 2, 0.1);
        ThresholdDetector d = new ThresholdDetector(p, new int[] {1}, 250);
        double[] x = new double[2500];
        double[] ts = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            ts[i] = i / 250.0;
            double t = ts[i];
            x[i] = (t >= 2 && t < 3 ? 40 * Math.sin(2 * Math.PI * 4 * t) : 0) // 4 Hz: out of band
                    + (t >= 6 && t < 7 ? 40 * Math.sin(2 * Math.PI * 13.5 * t) : 0); // 13.5 Hz: in band
        }
        List<Double> times = new ArrayList<>();
        d.scan(chunk(ts, x), false, (t, v) -> times.add(t));
        assertEquals(1, times.size(), "one crossing: " + times);
        assertTrue(times.get(0) > 6 && times.get(0) < 6.5, "during the in-band burst: " + times);
    }

    @Test
    void savedStateContinuesExactly() {
        ThresholdParameters p = new ThresholdParameters(Measure.BANDPOWER, 100, 50, 12, 15, 2, 0.1);
        ThresholdDetector a = new ThresholdDetector(p, new int[] {1}, 250);
        ThresholdDetector b = new ThresholdDetector(p, new int[] {1}, 250);
        a.scan(chunk(0.0, 10, 30, -40, 90, 20), false, (t, v) -> {});
        b.loadState(a.saveState());
        a.scan(chunk(1.0, 5, 60, -70), false, (t, v) -> {});
        b.scan(chunk(1.0, 5, 60, -70), false, (t, v) -> {});
        assertArrayEquals(a.saveState(), b.saveState());
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

    private static List<Double> fire(double[] signal, int len) {
        ThresholdDetector d = new ThresholdDetector(AMPLITUDE, new int[] {1}, 250);
        List<Double> times = new ArrayList<>();
        for (int s = 0; s < signal.length; s += len) {
            double[] part = Arrays.copyOfRange(signal, s, Math.min(signal.length, s + len));
            double[] ts = new double[part.length];
            for (int i = 0; i < ts.length; i++) {
                ts[i] = (s + i) * 0.004;
            }
            d.scan(chunk(ts, part), false, (t, v) -> times.add(t));
        }
        return times;
    }
}
