package org.neuroloop.dsp.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.ChunkFlags;

class BadDataFlaggerTest {
    static final int CH = 4;
    static final double RATE = 250;
    static final QualityCriteria CRITERIA = new QualityCriteria(CH, 0.5, 0.2, 3000, 3, 0.05);

    /** Gaussian EEG-like noise (20 µV SD), 250 Hz, perfect timestamps starting at t0 = 100 s. */
    static double[][] signal(int n, long seed) {
        Random r = new Random(seed);
        double[] t = new double[n];
        double[] x = new double[n * CH];
        for (int i = 0; i < n; i++) {
            t[i] = 100 + i / RATE;
            for (int c = 0; c < CH; c++) {
                x[i * CH + c] = 20 * r.nextGaussian();
            }
        }
        return new double[][] {t, x};
    }

    static List<Chunk> chunks(double[][] sig, int[] sizes) {
        List<Chunk> out = new ArrayList<>();
        int n = sig[0].length;
        int i = 0;
        for (int k = 0; i < n; k++) {
            int len = Math.min(sizes[k % sizes.length], n - i);
            out.add(new Chunk(
                    "s",
                    i,
                    Arrays.copyOfRange(sig[0], i, i + len),
                    Arrays.copyOfRange(sig[1], i * CH, (i + len) * CH),
                    CH,
                    RATE,
                    0));
            i += len;
        }
        return out;
    }

    static int[] flagsOf(List<Chunk> chunks) {
        BadDataFlagger f = new BadDataFlagger(CRITERIA);
        QualityState s = QualityState.initial();
        return chunks.stream().mapToInt(c -> f.flag(c, s)).toArray();
    }

    @Test
    void cleanEegIsNotFlagged() {
        int[] flags = flagsOf(chunks(signal(2500, 1), new int[] {10, 7, 32}));
        assertTrue(Arrays.stream(flags).allMatch(f -> f == 0), Arrays.toString(flags));
    }

    @Test
    void nanFlagsOnlyItsChunk() {
        double[][] sig = signal(100, 2);
        sig[1][55 * CH + 1] = Double.NaN;
        int[] flags = flagsOf(chunks(sig, new int[] {10}));
        for (int k = 0; k < flags.length; k++) {
            assertEquals(k == 5 ? ChunkFlags.NAN_OR_INF : 0, flags[k], "chunk " + k);
        }
    }

    @Test
    void infinityIsFlagged() {
        double[][] sig = signal(20, 3);
        sig[1][3] = Double.NEGATIVE_INFINITY;
        assertEquals(ChunkFlags.NAN_OR_INF, flagsOf(chunks(sig, new int[] {20}))[0]);
    }

    @Test
    void flatChannelIsFlaggedOnceTheRunIsLongEnough() {
        double[][] sig = signal(400, 4);
        for (int i = 200; i < 400; i++) {
            sig[1][i * CH + 2] = 7.0 + 0.1 * Math.sin(i); // within 0.5 µV of 7: a dead electrode with a little noise
        }
        int[] flags = flagsOf(chunks(sig, new int[] {10}));
        // 0.2 s at 250 Hz: the run starts at sample 200 and reaches 50 samples at sample 249, i.e. in chunk 24
        for (int k = 0; k < flags.length; k++) {
            assertEquals(k >= 24 ? ChunkFlags.FLAT : 0, flags[k], "chunk " + k);
        }
    }

    @Test
    void clippedChannelNeedsConsecutiveSamplesAtTheRail() {
        double[][] sig = signal(100, 5);
        sig[1][30 * CH] = 3000; // one sample at the rail: not enough
        sig[1][31 * CH] = 10;
        for (int i = 60; i < 63; i++) {
            sig[1][i * CH + 3] = -3276.7;
        }
        int[] flags = flagsOf(chunks(sig, new int[] {10}));
        for (int k = 0; k < flags.length; k++) {
            assertEquals(k == 6 ? ChunkFlags.CLIPPED : 0, flags[k], "chunk " + k);
        }
    }

    @Test
    void wrongChannelCountIsFlaggedAndSkipsPerChannelChecks() {
        BadDataFlagger f = new BadDataFlagger(CRITERIA);
        QualityState s = QualityState.initial();
        Chunk three = new Chunk("s", 0, new double[] {1, 1.004}, new double[] {Double.NaN, 0, 0, 0, 0, 0}, 3, RATE, 0);
        assertEquals(ChunkFlags.WRONG_CHANNEL_COUNT | ChunkFlags.NAN_OR_INF, f.flag(three, s));
        assertEquals(0, s.channels());
    }

    @Test
    void channelCountChangeIsFlaggedWhenAnyCountIsAccepted() {
        BadDataFlagger f = new BadDataFlagger(new QualityCriteria(0, 0.5, 0.2, 3000, 3, 0.05));
        QualityState s = QualityState.initial();
        assertEquals(0, f.flag(new Chunk("s", 0, new double[] {1}, new double[] {1, 2}, 2, RATE, 0), s));
        assertEquals(
                ChunkFlags.WRONG_CHANNEL_COUNT,
                f.flag(new Chunk("s", 1, new double[] {1.004}, new double[] {1, 2, 3}, 3, RATE, 0), s));
    }

    @Test
    void missingSequenceNumbersAreAGap() {
        List<Chunk> cs = chunks(signal(100, 6), new int[] {10});
        cs.remove(4); // samples 40..49 lost; timestamps stay consistent with the sequence numbers
        int[] flags = flagsOf(cs);
        for (int k = 0; k < flags.length; k++) {
            assertEquals(k == 4 ? ChunkFlags.GAP : 0, flags[k], "chunk " + k);
        }
    }

    @Test
    void timeJumpWithoutMissingSamplesIsAClockJump() {
        double[][] sig = signal(100, 7);
        for (int i = 45; i < 100; i++) {
            sig[0][i] += 1.0; // clock stepped forward by 1 s while samples kept coming
        }
        int[] flags = flagsOf(chunks(sig, new int[] {10}));
        for (int k = 0; k < flags.length; k++) {
            assertEquals(k == 4 ? ChunkFlags.CLOCK_JUMP : 0, flags[k], "chunk " + k);
        }
    }

    @Test
    void timeRunningBackwardsIsAClockJumpEvenForIrregularStreams() {
        BadDataFlagger f = new BadDataFlagger(new QualityCriteria(1, 0.5, 0, 3000, 3, 0.05));
        QualityState s = QualityState.initial();
        assertEquals(0, f.flag(new Chunk("m", 0, new double[] {5, 9}, new double[] {1, 2}, 1, 0, 0), s));
        assertEquals(
                ChunkFlags.CLOCK_JUMP, f.flag(new Chunk("m", 2, new double[] {8.9}, new double[] {3}, 1, 0, 0), s));
    }

    @Test
    void jitterBelowToleranceIsNotAJump() {
        double[][] sig = signal(500, 8);
        Random r = new Random(9);
        for (int i = 0; i < 500; i++) {
            sig[0][i] += 0.002 * r.nextGaussian();
        }
        assertTrue(Arrays.stream(flagsOf(chunks(sig, new int[] {12}))).allMatch(f -> f == 0));
    }

    @Test
    void criteriaRejectNonsense() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new QualityCriteria(4, 0.5, 0.2, -1, 3, 0.05));
        assertTrue(e.getMessage().contains("clipLevel"), e.getMessage());
    }

    /**
     * Every check is decided per sample, so a chunk's flags are the OR of the flags its samples get when the
     * stream arrives one sample at a time, for any chunking.
     */
    @Property(tries = 60)
    void chunkFlagsAreTheUnionOfPerSampleFlags(
            @ForAll @IntRange(min = 1, max = 40) int a,
            @ForAll @IntRange(min = 1, max = 40) int b,
            @ForAll @IntRange(min = 0, max = 2) long seed) {
        double[][] sig = signal(600, seed);
        Random r = new Random(seed + 100);
        sig[1][r.nextInt(600) * CH + r.nextInt(CH)] = Double.NaN;
        int flatStart = r.nextInt(500);
        for (int i = flatStart; i < Math.min(600, flatStart + 60); i++) {
            sig[1][i * CH + 1] = 3;
        }
        int clipAt = r.nextInt(590);
        for (int i = clipAt; i < clipAt + 4; i++) {
            sig[1][i * CH] = 5000;
        }
        int jumpAt = 1 + r.nextInt(599);
        for (int i = jumpAt; i < 600; i++) {
            sig[0][i] += 0.3;
        }
        int[] perSample = flagsOf(chunks(sig, new int[] {1}));
        List<Chunk> cs = chunks(sig, new int[] {a, b});
        int[] perChunk = flagsOf(cs);
        for (int k = 0; k < cs.size(); k++) {
            int expected = 0;
            for (long i = cs.get(k).firstSeq();
                    i < cs.get(k).firstSeq() + cs.get(k).length();
                    i++) {
                expected |= perSample[(int) i];
            }
            assertEquals(ChunkFlags.describe(expected), ChunkFlags.describe(perChunk[k]), "chunk " + k);
        }
    }
}
