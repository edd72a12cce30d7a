package org.neuroloop.dsp.flink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.neuroloop.dsp.filter.SosFilter;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.ChunkFlags;

class CausalFilterFunctionTest {
    static final int CH = 3;
    static final double RATE = 160;
    static final List<FilterStage> STAGES = List.of(FilterStage.bandpass(4, 8, 30), FilterStage.notch(50, 30));

    static KeyedOneInputStreamOperatorTestHarness<String, Chunk, Chunk> harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new CausalFilterFunction(STAGES, false)), Chunk::sessionId, Types.STRING);
    }

    static double[] signal(int n, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n * CH];
        for (int i = 0; i < x.length; i++) {
            x[i] = 10 * r.nextGaussian() + 5 * Math.sin(i * 0.3);
        }
        return x;
    }

    static List<Chunk> chunks(String session, double[] x, int... sizes) {
        List<Chunk> out = new ArrayList<>();
        int n = x.length / CH;
        for (int i = 0, k = 0; i < n; k++) {
            int len = Math.min(sizes[k % sizes.length], n - i);
            double[] t = new double[len];
            for (int j = 0; j < len; j++) {
                t[j] = (i + j) / RATE;
            }
            out.add(new Chunk(session, i, t, Arrays.copyOfRange(x, i * CH, (i + len) * CH), CH, RATE, 0));
            i += len;
        }
        return out;
    }

    static double[] concat(List<Chunk> chunks) {
        return chunks.stream().flatMapToDouble(c -> Arrays.stream(c.samples())).toArray();
    }

    static double[] reference(double[] x) {
        return SosFilter.zeroState(FilterStage.cascade(STAGES, RATE), CH).process(x);
    }

    /** Chunking never changes the filtered output: bitwise equal to one sosfilt call over the whole signal. */
    @Property(tries = 25)
    void outputThroughTheOperatorDoesNotDependOnChunking(
            @ForAll @IntRange(min = 1, max = 64) int a, @ForAll @IntRange(min = 1, max = 64) int b) throws Exception {
        double[] x = signal(700, a * 100L + b);
        try (var h = harness()) {
            h.open();
            for (Chunk c : chunks("s", x, a, b)) {
                h.processElement(c, 0);
            }
            assertArrayEquals(reference(x), concat(h.extractOutputValues()));
        }
    }

    @Test
    void stateSurvivesSnapshotAndRestoreAndSessionsAreIndependent() throws Exception {
        double[] x = signal(400, 1);
        double[] other = signal(400, 2);
        List<Chunk> a = chunks("a", x, 25);
        List<Chunk> b = chunks("b", other, 40);
        List<Chunk> outA = new ArrayList<>();
        List<Chunk> outB = new ArrayList<>();
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            for (int k = 0; k < 8; k++) {
                h.processElement(a.get(k), 0);
            }
            for (int k = 0; k < 5; k++) {
                h.processElement(b.get(k), 0);
            }
            assertEquals(4, h.numKeyedStateEntries(), "zi and its rate for each of the two sessions");
            snapshot = h.snapshot(1, 1);
            for (Chunk c : h.extractOutputValues()) {
                (c.sessionId().equals("a") ? outA : outB).add(c);
            }
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            for (int k = 8; k < a.size(); k++) {
                h.processElement(a.get(k), 0);
            }
            for (int k = 5; k < b.size(); k++) {
                h.processElement(b.get(k), 0);
            }
            for (Chunk c : h.extractOutputValues()) {
                (c.sessionId().equals("a") ? outA : outB).add(c);
            }
        }
        assertArrayEquals(reference(x), concat(outA));
        assertArrayEquals(reference(other), concat(outB));
    }

    @Test
    void aChunkWithNanIsZeroedAndTheFilterRestarts() throws Exception {
        double[] x = signal(60, 3);
        List<Chunk> cs = chunks("s", x, 20);
        cs.get(1).samples()[4] = Double.NaN;
        try (var h = harness()) {
            h.open();
            for (Chunk c : cs) {
                h.processElement(c, 0);
            }
            List<Chunk> out = h.extractOutputValues();
            assertTrue(out.get(1).hasFlag(ChunkFlags.NAN_OR_INF));
            assertTrue(Arrays.stream(out.get(1).samples()).allMatch(v -> v == 0.0));
            // the third chunk is filtered from zero state again
            assertArrayEquals(reference(cs.get(2).samples()), out.get(2).samples());
        }
    }

    @Test
    void steadyStateStartSuppressesTheStepTransient() throws Exception {
        double[] x = new double[200 * CH];
        Arrays.fill(x, 100.0); // DC offset: a band-pass from steady state outputs ~0 at once
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new CausalFilterFunction(STAGES, true)), Chunk::sessionId, Types.STRING)) {
            h.open();
            h.processElement(chunks("s", x, 200).get(0), 0);
            double max = Arrays.stream(h.extractOutputValues().get(0).samples())
                    .map(Math::abs)
                    .max()
                    .orElseThrow();
            assertTrue(max < 1e-9, "max |y| = " + max);
        }
    }
}
