package org.neuroloop.classifiers.sleep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.neuroloop.ingest.recording.Recordings;

/** Causality, chunking, state round trip and behaviour on synthetic spindles. */
class SpindleDetectorTest {
    static final double FS = 100;

    /** 1/f-ish background (AR(1)) with 13 Hz spindles of 1 s at the given onsets. */
    static double[] synthetic(double seconds, double[] onsets, long seed) {
        Random rnd = new Random(seed);
        int n = (int) (seconds * FS);
        double[] x = new double[n];
        double ar = 0;
        for (int i = 0; i < n; i++) {
            ar = 0.95 * ar + rnd.nextGaussian() * 4;
            x[i] = ar + rnd.nextGaussian() * 2;
        }
        for (double on : onsets) {
            for (int i = (int) (on * FS); i < (int) ((on + 1) * FS) && i < n; i++) {
                double u = (i - on * FS) / FS;
                x[i] += 25 * Math.sin(Math.PI * u) * Math.sin(2 * Math.PI * 13 * u);
            }
        }
        return x;
    }

    /** Everything the detector said, as comparable rows: fires and reported spindles in order. */
    static List<String> decisions(double[] x, int n, int[] chunks) {
        SpindleDetector d = new SpindleDetector(SpindleParameters.defaults(), FS);
        List<String> out = new ArrayList<>();
        SpindleListener l = new SpindleListener() {
            @Override
            public void onFire(double firedAt, double onsetEstimate, double score) {
                out.add("fire " + firedAt + " " + onsetEstimate + " " + score);
            }

            @Override
            public void onSpindle(Spindle s) {
                out.add(s.toString());
            }
        };
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i / FS;
        }
        int i = 0, k = 0;
        while (i < n) {
            int len = chunks == null ? n : Math.max(1, chunks[k++ % chunks.length]);
            int to = Math.min(n, i + len);
            d.process(x, t, i, to, l);
            i = to;
        }
        return out;
    }

    static final double[] ONSETS = {30, 45, 61.5, 80, 95};
    static final double[] SIGNAL = synthetic(120, ONSETS, 7);

    @Property(tries = 20)
    void appendingFutureSamplesNeverChangesPastDecisions(@ForAll @IntRange(min = 1500, max = 11000) int cut) {
        List<String> prefix = decisions(SIGNAL, cut, null);
        List<String> full = decisions(SIGNAL, SIGNAL.length, null);
        assertTrue(prefix.size() <= full.size());
        assertEquals(
                prefix,
                full.subList(0, prefix.size()),
                "decisions up to sample " + cut + " changed when more samples came");
    }

    @Property(tries = 15)
    void chunkingDoesNotChangeDecisions(
            @ForAll @IntRange(min = 1, max = 300) int a, @ForAll @IntRange(min = 1, max = 50) int b) {
        assertEquals(decisions(SIGNAL, SIGNAL.length, null), decisions(SIGNAL, SIGNAL.length, new int[] {a, b}));
    }

    @Test
    void findsPlantedSpindlesEarlyAndNothingElse() {
        OnlineSpindleRun run = OnlineSpindleRun.replay(SIGNAL, FS, 0, SpindleParameters.defaults(), null);
        List<Interval> ref = new ArrayList<>();
        for (double on : ONSETS) {
            ref.add(Interval.ofDuration(on, 1));
        }
        DetectionScore s = run.score(ref, 0.2, 0, 1e9);
        assertEquals(ONSETS.length, s.tp(), s.toString());
        assertEquals(0, s.fp(), s.toString());
        assertTrue(s.medianDelay() < 0.5, "delay " + s.medianDelay());
        for (Spindle sp : run.accepted()) {
            assertEquals(13, sp.frequency(), 1.5);
            assertTrue(sp.amplitude() > 10 && sp.amplitude() < 40, "amplitude " + sp.amplitude());
            assertTrue(sp.peak() >= sp.onset() && sp.peak() <= sp.offset() + 0.2);
        }
    }

    @Test
    void stateRoundTripContinuesIdentically() {
        double[] t = new double[SIGNAL.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = i / FS;
        }
        int half = 6012; // inside the planted spindle at 61.5 s? no: 60.12 s, just before it
        SpindleDetector a = new SpindleDetector(SpindleParameters.defaults(), FS);
        List<String> outA = new ArrayList<>();
        a.process(SIGNAL, t, 0, half, listener(outA));
        int before = outA.size();
        double[] state = a.saveState();
        assertEquals(a.stateSize(), state.length);
        SpindleDetector b = new SpindleDetector(SpindleParameters.defaults(), FS);
        b.loadState(state);
        List<String> outB = new ArrayList<>();
        a.process(SIGNAL, t, half, SIGNAL.length, listener(outA));
        b.process(SIGNAL, t, half, SIGNAL.length, listener(outB));
        assertFalse(outB.isEmpty());
        assertEquals(outA.subList(before, outA.size()), outB);
        assertArrayEquals(a.saveState(), b.saveState());
    }

    /**
     * One working detector attached in turn to two sessions' state arrays (as the keyed operator does, chunk by
     * chunk) decides and saves exactly what two detectors of their own do.
     */
    @Test
    void attachedStatesInterleavedMatchOwnDetectors() {
        double[] other = synthetic(120, new double[] {20, 70}, 11);
        double[][] signals = {SIGNAL, other};
        double[] t = new double[SIGNAL.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = i / FS;
        }
        SpindleDetector working = new SpindleDetector(SpindleParameters.defaults(), FS);
        double[][] states = {working.saveState(), working.saveState()};
        SpindleDetector[] own = {
            new SpindleDetector(SpindleParameters.defaults(), FS), new SpindleDetector(SpindleParameters.defaults(), FS)
        };
        List<List<String>> attached = List.of(new ArrayList<>(), new ArrayList<>());
        List<List<String>> separate = List.of(new ArrayList<>(), new ArrayList<>());
        for (int from = 0; from < t.length; from += 5) {
            int to = Math.min(t.length, from + 5);
            for (int k = 0; k < 2; k++) {
                working.attachState(states[k]);
                working.process(signals[k], t, from, to, listener(attached.get(k)));
                working.saveState(states[k]);
                own[k].process(signals[k], t, from, to, listener(separate.get(k)));
            }
        }
        for (int k = 0; k < 2; k++) {
            assertFalse(separate.get(k).isEmpty());
            assertEquals(separate.get(k), attached.get(k));
            assertArrayEquals(own[k].saveState(), states[k]);
        }
        // a plain load afterwards copies: the attached array no longer changes
        double[] snapshot = states[0].clone();
        working.loadState(states[0]);
        working.process(SIGNAL, t, 0, 500, listener(new ArrayList<>()));
        assertArrayEquals(snapshot, states[0]);
    }

    @Test
    void closedGateSuppressesDetection() {
        boolean[] closed = new boolean[SIGNAL.length];
        assertTrue(OnlineSpindleRun.replay(SIGNAL, FS, 0, SpindleParameters.defaults(), closed)
                .spindles()
                .isEmpty());
    }

    @Test
    void nonFiniteSamplesAreGapsNotCrashes() {
        double[] x = SIGNAL.clone();
        for (int i = 4000; i < 4010; i++) {
            x[i] = Double.NaN;
        }
        OnlineSpindleRun run = OnlineSpindleRun.replay(x, FS, 0, SpindleParameters.defaults(), null);
        assertFalse(run.spindles().isEmpty());
        for (double f : run.fires()) {
            assertTrue(f < 40 || f >= 40.1 + 0.3, "fired inside the gap window at " + f);
        }
    }

    @Test
    void rejectsARateThatCannotCarryTheSigmaBand() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new SpindleDetector(SpindleParameters.defaults(), 30));
        assertTrue(e.getMessage().contains("30.0 Hz"), e.getMessage());
    }

    @Test
    void yasaN2SampleHasItsTwoSpindlesAndTheN3ControlNone() throws IOException {
        var n2 = Recordings.open(Path.of("../shared/data/sleep/yasa/data_N2_spindles_15sec_200Hz.txt"), 200)
                .mainStream()
                .orElseThrow()
                .channel(0);
        var n3 = Recordings.open(Path.of("../shared/data/sleep/yasa/data_N3_no-spindles_30sec_100Hz.txt"), 100)
                .mainStream()
                .orElseThrow()
                .channel(0);
        List<Spindle> s2 = OfflineSpindleDetector.detect(n2, 200, 0, SpindleParameters.offlineDefaults(), null).stream()
                .filter(Spindle::accepted)
                .toList();
        System.out.println("YASA N2 offline: " + s2);
        List<Interval> expected = List.of(new Interval(3.3, 4.1), new Interval(13.3, 13.8));
        DetectionScore s = OnlineSpindleRun.scoreOffline(s2, expected, 0.2, 0, 1e9);
        assertEquals(2, s.tp(), s.toString());
        assertEquals(0, s.fp(), s.toString());
        assertTrue(OfflineSpindleDetector.detect(n3, 100, 0, SpindleParameters.offlineDefaults(), null).stream()
                .noneMatch(Spindle::accepted));
    }

    private static SpindleListener listener(List<String> out) {
        return new SpindleListener() {
            @Override
            public void onFire(double firedAt, double onsetEstimate, double score) {
                out.add("fire " + firedAt);
            }

            @Override
            public void onSpindle(Spindle s) {
                out.add(s.toString());
            }
        };
    }
}
