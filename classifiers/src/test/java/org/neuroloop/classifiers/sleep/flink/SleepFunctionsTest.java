package org.neuroloop.classifiers.sleep.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.neuroloop.classifiers.sleep.OnlineSpindleRun;
import org.neuroloop.classifiers.sleep.PhaseTarget;
import org.neuroloop.classifiers.sleep.SlowOscillationParameters;
import org.neuroloop.classifiers.sleep.SlowOscillationTargeter;
import org.neuroloop.classifiers.sleep.Spindle;
import org.neuroloop.classifiers.sleep.SpindleParameters;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.ChunkFlags;
import org.neuroloop.dsp.record.DetectedEvent;

/** The keyed sleep operators equal the pure detectors, keep their state across snapshot/restore, and respect flags. */
class SleepFunctionsTest {
    static final double FS = 100;
    static final int CH = 2;

    /** Channel 1 carries 13 Hz spindles and 1 Hz slow oscillations over AR(1) background; channel 0 is noise. */
    static double[] twoChannels(double seconds, long seed) {
        Random r = new Random(seed);
        int n = (int) (seconds * FS);
        double[] x = new double[n * CH];
        double ar = 0;
        for (int i = 0; i < n; i++) {
            ar = 0.95 * ar + 4 * r.nextGaussian();
            double t = i / FS;
            double sp = 0;
            double ph = (t % 15);
            if (ph >= 12 && ph < 13) {
                double u = ph - 12;
                sp = 25 * Math.sin(Math.PI * u) * Math.sin(2 * Math.PI * 13 * u);
            }
            double so = t > 60 && t < 100 ? 60 * Math.cos(2 * Math.PI * 0.9 * t) : 0;
            x[i * CH] = 5 * r.nextGaussian();
            x[i * CH + 1] = ar + sp + so;
        }
        return x;
    }

    static double[] channel(double[] x, int c) {
        double[] out = new double[x.length / CH];
        for (int i = 0; i < out.length; i++) {
            out[i] = x[i * CH + c];
        }
        return out;
    }

    static List<Chunk> chunks(String session, double[] x, int size) {
        List<Chunk> out = new ArrayList<>();
        int n = x.length / CH;
        for (int i = 0; i < n; i += size) {
            int len = Math.min(size, n - i);
            double[] t = new double[len];
            for (int j = 0; j < len; j++) {
                t[j] = (i + j) / FS;
            }
            out.add(new Chunk(session, i, t, Arrays.copyOfRange(x, i * CH, (i + len) * CH), CH, FS, 0));
        }
        return out;
    }

    static KeyedOneInputStreamOperatorTestHarness<String, Chunk, DetectedEvent> spindleHarness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new SpindleDetectionFunction(1, SpindleParameters.defaults())),
                Chunk::sessionId,
                Types.STRING);
    }

    static KeyedOneInputStreamOperatorTestHarness<String, Chunk, DetectedEvent> soHarness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(
                        new SlowOscillationTargetFunction(1, SlowOscillationParameters.defaults(), 0)),
                Chunk::sessionId,
                Types.STRING);
    }

    static final double[] X = twoChannels(150, 11);

    @Test
    void spindleOperatorEmitsWhatThePureDetectorDecides() throws Exception {
        List<Spindle> expected = OnlineSpindleRun.replay(channel(X, 1), FS, 0, SpindleParameters.defaults(), null)
                .spindles();
        assertTrue(expected.size() >= 5, "planted spindles " + expected);
        try (var h = spindleHarness()) {
            h.open();
            for (Chunk c : chunks("s1", X, 37)) {
                h.processElement(c, 0);
            }
            List<DetectedEvent> out = h.extractOutputValues();
            List<DetectedEvent> ends = out.stream()
                    .filter(e -> e.kind().startsWith("spindle") && !e.kind().equals("spindle-onset"))
                    .toList();
            assertEquals(expected.size(), ends.size());
            for (int i = 0; i < ends.size(); i++) {
                assertEquals(expected.get(i).onset(), ends.get(i).onset(), 0);
                assertEquals(expected.get(i).offset(), ends.get(i).offset(), 0);
                assertEquals(expected.get(i).firedAt(), ends.get(i).firedAt(), 0);
            }
            // every spindle was announced by its onset event first, at the same fire time
            List<DetectedEvent> fires =
                    out.stream().filter(e -> e.kind().equals("spindle-onset")).toList();
            assertEquals(ends.size(), fires.size());
            for (int i = 0; i < ends.size(); i++) {
                assertEquals(ends.get(i).firedAt(), fires.get(i).firedAt(), 0);
                assertTrue(out.indexOf(fires.get(i)) < out.indexOf(ends.get(i)));
            }
        }
    }

    @Test
    void spindleStateSurvivesSnapshotRestoreAndSessionsAreIndependent() throws Exception {
        List<Chunk> a = chunks("a", X, 50);
        List<Chunk> b = chunks("b", X, 50);
        List<DetectedEvent> straight;
        try (var h = spindleHarness()) {
            h.open();
            for (Chunk c : a) {
                h.processElement(c, 0);
            }
            straight = h.extractOutputValues();
        }
        int cut = a.size() / 2 + 3;
        OperatorSubtaskState snap;
        List<DetectedEvent> first;
        try (var h = spindleHarness()) {
            h.open();
            for (int i = 0; i < cut; i++) {
                h.processElement(a.get(i), 0);
                h.processElement(b.get(i), 0);
            }
            first = h.extractOutputValues().stream()
                    .filter(e -> e.sessionId().equals("a"))
                    .toList();
            snap = h.snapshot(1, 1);
        }
        try (var h = spindleHarness()) {
            h.initializeState(snap);
            h.open();
            for (int i = cut; i < a.size(); i++) {
                h.processElement(a.get(i), 0);
            }
            List<DetectedEvent> all = new ArrayList<>(first);
            all.addAll(h.extractOutputValues());
            assertEquals(straight, all);
        }
    }

    @Test
    void badChunksAreGapsAndEndOfStreamFlushes() throws Exception {
        List<Chunk> cs = chunks("s", X, 100);
        try (var h = spindleHarness()) {
            h.open();
            for (Chunk c : cs) {
                h.processElement(c.withFlags(ChunkFlags.FLAT), 0);
            }
            assertTrue(h.extractOutputValues().isEmpty());
        }
        // cut the stream in the middle of the planted spindle at 12-13 s (+15 k): the end-of-stream chunk ends it
        try (var h = spindleHarness()) {
            h.open();
            for (Chunk c : cs.subList(0, 42)) {
                h.processElement(c, 0);
            }
            Chunk last = cs.get(42);
            double[] t = Arrays.copyOf(last.timestamps(), 50);
            Chunk partial = new Chunk(
                    "s", last.firstSeq(), t, Arrays.copyOf(last.samples(), 50 * CH), CH, FS, ChunkFlags.END_OF_STREAM);
            h.processElement(partial, 0);
            List<DetectedEvent> out = h.extractOutputValues();
            assertFalse(out.isEmpty());
            assertEquals(
                    out.stream().filter(e -> e.kind().equals("spindle-onset")).count(),
                    out.stream()
                            .filter(e ->
                                    e.kind().startsWith("spindle") && !e.kind().equals("spindle-onset"))
                            .count());
        }
    }

    @Test
    void slowOscillationOperatorEmitsThePureTargetsAndSurvivesRestore() throws Exception {
        SlowOscillationTargeter tg = new SlowOscillationTargeter(SlowOscillationParameters.defaults(), FS, 0);
        List<PhaseTarget> expected = new ArrayList<>();
        double[] x1 = channel(X, 1);
        for (int i = 0; i < x1.length; i++) {
            tg.step(x1[i], i / FS, null, expected::add);
        }
        assertTrue(expected.size() > 20, "targets " + expected.size());
        List<Chunk> cs = chunks("s", X, 64);
        int cut = 110; // inside the slow-oscillation stretch (60-100 s)
        OperatorSubtaskState snap;
        List<DetectedEvent> out = new ArrayList<>();
        try (var h = soHarness()) {
            h.open();
            for (int i = 0; i < cut; i++) {
                h.processElement(cs.get(i), 0);
            }
            out.addAll(h.extractOutputValues());
            snap = h.snapshot(1, 1);
        }
        try (var h = soHarness()) {
            h.initializeState(snap);
            h.open();
            for (int i = cut; i < cs.size(); i++) {
                h.processElement(cs.get(i), 0);
            }
            out.addAll(h.extractOutputValues());
        }
        List<DetectedEvent> up =
                out.stream().filter(e -> e.kind().equals("so-upstate")).toList();
        assertEquals(expected.size(), up.size());
        for (int i = 0; i < up.size(); i++) {
            assertEquals(expected.get(i).targetTime(), up.get(i).targetTime(), 0);
            assertEquals(expected.get(i).firedAt(), up.get(i).firedAt(), 0);
        }
        assertTrue(out.stream().filter(e -> e.kind().equals("so-halfwave")).count() >= up.size());
    }
}
