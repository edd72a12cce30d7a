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
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.neuroloop.dsp.covariance.CovarianceEstimator;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.ChunkFlags;
import org.neuroloop.dsp.record.FeatureVector;
import org.neuroloop.dsp.riemann.IncrementalRiemannMean;
import org.neuroloop.dsp.riemann.TangentSpace;
import org.neuroloop.dsp.spectral.BandPower;
import org.neuroloop.dsp.spectral.Welch;

class WindowFeatureFunctionsTest {
    static final int CH = 3;
    static final double RATE = 100;
    static final double[][] BANDS = {{4, 8}, {8, 12}, {13, 30}};

    static double[] signal(int n, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n * CH];
        for (int i = 0; i < n; i++) {
            x[i * CH] = 10 * Math.sin(2 * Math.PI * 10 * i / RATE) + r.nextGaussian();
            x[i * CH + 1] = 5 * Math.sin(2 * Math.PI * 20 * i / RATE) + r.nextGaussian();
            x[i * CH + 2] = r.nextGaussian() + 0.5 * x[i * CH];
        }
        return x;
    }

    static List<Chunk> chunks(String id, double[] x, int... sizes) {
        List<Chunk> out = new ArrayList<>();
        int n = x.length / CH;
        for (int i = 0, k = 0; i < n; k++) {
            int len = Math.min(sizes[k % sizes.length], n - i);
            double[] t = new double[len];
            for (int j = 0; j < len; j++) {
                t[j] = 50 + (i + j) / RATE;
            }
            out.add(new Chunk(id, i, t, Arrays.copyOfRange(x, i * CH, (i + len) * CH), CH, RATE, 0));
            i += len;
        }
        return out;
    }

    static KeyedOneInputStreamOperatorTestHarness<String, Chunk, FeatureVector> harness(SlidingWindowFunction f)
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(f), Chunk::sessionId, Types.STRING);
    }

    static List<FeatureVector> run(SlidingWindowFunction f, List<Chunk> input) throws Exception {
        try (var h = harness(f)) {
            h.open();
            for (Chunk c : input) {
                h.processElement(c, 0);
            }
            return h.extractOutputValues();
        }
    }

    static BandPowerFunction bandPower() {
        return new BandPowerFunction(2.0, 0.25, 1.0, BANDS, false);
    }

    @Test
    void bandPowerEqualsWelchOnTheWindowEndingAtEachStep() throws Exception {
        double[] x = signal(600, 1);
        List<FeatureVector> out = run(bandPower(), chunks("s", x, 7));
        // windows of 200 samples end after samples 199, 224, ..., 599: 17 windows
        assertEquals(17, out.size());
        for (int k = 0; k < out.size(); k++) {
            int end = 200 + 25 * k; // exclusive
            double[] win = Arrays.copyOfRange(x, (end - 200) * CH, end * CH);
            Welch w = new Welch(RATE, 100);
            double[] expected = new double[CH * BANDS.length];
            for (int c = 0; c < CH; c++) {
                var psd = w.estimate(win, CH, c);
                for (int b = 0; b < BANDS.length; b++) {
                    expected[c * BANDS.length + b] = BandPower.absolute(psd, BANDS[b][0], BANDS[b][1]);
                }
            }
            assertArrayEquals(expected, out.get(k).values(), 1e-12);
            assertEquals(50 + (end - 1) / RATE, out.get(k).timestamp(), 1e-12);
            assertEquals("bandpower", out.get(k).kind());
        }
        // the 10 Hz channel has its power in alpha, the 20 Hz channel in beta
        double[] v = out.get(0).values();
        assertTrue(v[1] > 10 * v[0] && v[1] > 10 * v[2]);
        assertTrue(v[5] > 10 * v[3] && v[5] > 10 * v[4]);
    }

    @Property(tries = 15)
    void windowFeaturesDoNotDependOnChunking(
            @ForAll @IntRange(min = 1, max = 90) int a, @ForAll @IntRange(min = 1, max = 90) int b) throws Exception {
        double[] x = signal(500, a + b);
        List<FeatureVector> one = run(bandPower(), chunks("s", x, 500));
        List<FeatureVector> many = run(bandPower(), chunks("s", x, a, b));
        assertEquals(one.size(), many.size());
        for (int k = 0; k < one.size(); k++) {
            assertArrayEquals(one.get(k).values(), many.get(k).values());
            assertEquals(one.get(k).timestamp(), many.get(k).timestamp());
        }
    }

    @Test
    void windowsSurviveSnapshotRestoreAndCarryBadFlags() throws Exception {
        double[] x = signal(800, 2);
        List<Chunk> input = chunks("s", x, 50);
        input.set(5, input.get(5).withFlags(ChunkFlags.CLIPPED)); // samples 250..299
        List<FeatureVector> straight = run(bandPower(), input);
        List<FeatureVector> resumed = new ArrayList<>();
        OperatorSubtaskState snap;
        try (var h = harness(bandPower())) {
            h.open();
            for (int k = 0; k < 7; k++) {
                h.processElement(input.get(k), 0);
            }
            assertEquals(1, h.numKeyedStateEntries());
            snap = h.snapshot(1, 1);
            resumed.addAll(h.extractOutputValues());
        }
        try (var h = harness(bandPower())) {
            h.initializeState(snap);
            h.open();
            for (int k = 7; k < input.size(); k++) {
                h.processElement(input.get(k), 0);
            }
            resumed.addAll(h.extractOutputValues());
        }
        assertEquals(straight.size(), resumed.size());
        for (int k = 0; k < straight.size(); k++) {
            assertArrayEquals(straight.get(k).values(), resumed.get(k).values());
            assertEquals(straight.get(k).flags(), resumed.get(k).flags());
            // a window is flagged exactly when it holds one of the clipped samples 250..299
            int end = 200 + 25 * k;
            boolean holdsClipped = end - 200 < 300 && end > 250;
            assertEquals(holdsClipped ? ChunkFlags.CLIPPED : 0, straight.get(k).flags(), "window ending " + end);
        }
    }

    @Test
    void phaseOfAWholeNumberOfCyclesIsTheSinePhase() throws Exception {
        double[] x = signal(300, 3);
        List<FeatureVector> out = run(new PhaseFunction(1.0, 0.5), chunks("s", x, 13));
        assertEquals(5, out.size());
        for (FeatureVector f : out) {
            // channel 0 is 10 sin(2 pi 10 t) + noise: at the window's last sample i, phase = 2 pi 10 i / fs - pi/2
            int last = (int) Math.round((f.timestamp() - 50) * RATE);
            double expected = Math.IEEEremainder(2 * Math.PI * 10 * last / RATE - Math.PI / 2, 2 * Math.PI);
            double err = Math.abs(Math.IEEEremainder(f.values()[0] - expected, 2 * Math.PI));
            assertTrue(err < 0.3, "phase error " + err);
            assertEquals(10, f.values()[CH], 3, "envelope of a 10 µV sine");
        }
    }

    @Test
    void tangentVectorsUseTheRunningMeanOfCleanWindowsAndItSurvivesRestore() throws Exception {
        double[] x = signal(700, 4);
        List<Chunk> input = chunks("s", x, 20);
        input.set(12, input.get(12).withFlags(ChunkFlags.FLAT)); // samples 240..259
        TangentSpaceFunction f = new TangentSpaceFunction(1.0, 0.5, CovarianceEstimator.OAS, true);
        List<FeatureVector> straight = run(f, input);
        // offline: OAS per window, running mean over clean windows, projection at the mean so far
        IncrementalRiemannMean mean = new IncrementalRiemannMean(CH);
        assertEquals(13, straight.size());
        for (int k = 0; k < straight.size(); k++) {
            int end = 100 + 50 * k;
            DMatrixRMaj cov =
                    CovarianceEstimator.OAS.ofInterleaved(Arrays.copyOfRange(x, (end - 100) * CH, end * CH), CH);
            boolean bad = end - 100 < 260 && end > 240;
            assertEquals(bad ? ChunkFlags.FLAT : 0, straight.get(k).flags());
            if (!bad) {
                mean.update(cov);
            }
            DMatrixRMaj ref = mean.count() > 0 ? mean.mean() : CommonOps_DDRM.identity(CH);
            assertArrayEquals(TangentSpace.at(ref).project(cov), straight.get(k).values(), 1e-9, "window " + k);
        }
        OperatorSubtaskState snap;
        List<FeatureVector> resumed = new ArrayList<>();
        try (var h = harness(new TangentSpaceFunction(1.0, 0.5, CovarianceEstimator.OAS, true))) {
            h.open();
            for (int k = 0; k < 20; k++) {
                h.processElement(input.get(k), 0);
            }
            snap = h.snapshot(1, 1);
            resumed.addAll(h.extractOutputValues());
        }
        try (var h = harness(new TangentSpaceFunction(1.0, 0.5, CovarianceEstimator.OAS, true))) {
            h.initializeState(snap);
            h.open();
            for (int k = 20; k < input.size(); k++) {
                h.processElement(input.get(k), 0);
            }
            resumed.addAll(h.extractOutputValues());
        }
        for (int k = 0; k < straight.size(); k++) {
            assertArrayEquals(straight.get(k).values(), resumed.get(k).values(), 1e-12);
        }
    }
}
