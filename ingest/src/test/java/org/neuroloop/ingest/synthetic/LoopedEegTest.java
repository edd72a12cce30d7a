package org.neuroloop.ingest.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.ChunkFlags;
import org.neuroloop.dsp.record.Marker;

/** A looped session plays the generator's output for its loop, from its seed's offset, wrapping exactly. */
class LoopedEegTest {
    static final double LOOP = 10;
    static final double RATE = 100;

    static SyntheticEegConfig session(long seed, double seconds) {
        return new SyntheticEegConfig(
                "s" + seed,
                List.of("C3", "C4", "Cz", "Fz"),
                RATE,
                seed,
                7,
                seconds,
                10.0,
                SignalLevels.sleep(),
                EventSchedule.sleep(LOOP, 30, 0, LoopedEeg.LOOP_SEED),
                LOOP);
    }

    /** The loop's samples as the generator makes them: the session's settings, seed {@link LoopedEeg#LOOP_SEED}. */
    static double[] loopSamples(SyntheticEegConfig session) {
        SyntheticEegConfig template = session.withLoop(0)
                .withSeed(LoopedEeg.LOOP_SEED)
                .withDuration(LOOP)
                .withStartTime(0);
        return SyntheticEegTest.generateAll(template);
    }

    static double[] playAll(SyntheticChunks eeg, int channels) {
        double[] all = new double[0];
        while (eeg.hasNext()) {
            Chunk c = eeg.next();
            int at = all.length;
            all = Arrays.copyOf(all, at + c.samples().length);
            System.arraycopy(c.samples(), 0, all, at, c.samples().length);
        }
        return all;
    }

    /** The loop index the played samples start at (-1: none). */
    static int offsetIn(double[] played, double[] loop, int channels) {
        for (int i = 0; i < loop.length / channels; i++) {
            if (Arrays.equals(played, 0, channels, loop, i * channels, (i + 1) * channels)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void playsTheGeneratedLoopFromItsOffsetAndWraps() {
        SyntheticEegConfig config = session(3, 25);
        double[] loop = loopSamples(config);
        int channels = config.channelCount();
        int length = loop.length / channels;
        SyntheticChunks eeg = SyntheticChunks.open(config);
        assertTrue(eeg instanceof LoopedEeg);
        double[] played = playAll(eeg, channels);
        assertEquals(config.totalSamples() * channels, played.length);
        int offset = offsetIn(played, loop, channels);
        assertTrue(offset >= 0, "the first sample comes from the loop");
        for (int k = 0; k < config.totalSamples(); k++) {
            int j = (offset + k) % length;
            assertArrayEquals(
                    Arrays.copyOfRange(loop, j * channels, (j + 1) * channels),
                    Arrays.copyOfRange(played, k * channels, (k + 1) * channels),
                    "sample " + k);
        }
    }

    @Test
    void chunksCarryTimesSequenceAndEndFlag() {
        SyntheticEegConfig config = session(5, 1);
        SyntheticChunks eeg = SyntheticChunks.open(config);
        long seq = 0;
        Chunk last = null;
        while (eeg.hasNext()) {
            Chunk c = eeg.next();
            assertEquals(seq, c.firstSeq());
            assertEquals(10.0 + seq / RATE, c.timestamps()[0], 1e-12);
            assertEquals("s5", c.sessionId());
            seq += c.length();
            last = c;
        }
        assertEquals(100, seq);
        assertTrue(last.hasFlag(ChunkFlags.END_OF_STREAM));
    }

    @Test
    void skipRepositionsExactlyAndSeedsChooseOffsets() {
        SyntheticEegConfig config = session(9, 6);
        double[] full = playAll(SyntheticChunks.open(config), 4);
        SyntheticChunks resumed = SyntheticChunks.open(config);
        resumed.skip(123);
        assertEquals(123, resumed.position());
        double[] rest = playAll(resumed, 4);
        assertArrayEquals(Arrays.copyOfRange(full, 123 * 4, full.length), rest);
        double[] other = playAll(SyntheticChunks.open(session(10, 6)), 4);
        assertFalse(Arrays.equals(full, other), "another seed starts elsewhere in the loop");
    }

    @Test
    void truthMarkersFollowTheLoopAsPlayed() {
        SyntheticEegConfig config = session(3, 25);
        List<Marker> loopMarkers = SyntheticEeg.truthMarkers(
                config.withLoop(0).withSeed(LoopedEeg.LOOP_SEED).withDuration(LOOP), 0);
        assertFalse(loopMarkers.isEmpty());
        double shift = offsetIn(playAll(SyntheticChunks.open(config), 4), loopSamples(config), 4) / RATE;
        // every pass through the loop brings its markers, shifted by the session's offset, while within the session
        List<String> expected = new ArrayList<>();
        for (int pass = 0; pass < 4; pass++) {
            for (Marker l : loopMarkers) {
                double t = l.timestamp() + pass * LOOP - shift;
                if (t >= 0 && t < 25) {
                    expected.add(String.format(Locale.ROOT, "%.6f %s", 10.0 + t, l.label()));
                }
            }
        }
        Collections.sort(expected);
        List<String> played = new ArrayList<>();
        for (Marker m : SyntheticEeg.truthMarkers(config, 10.0)) {
            assertEquals("s3", m.sessionId());
            played.add(String.format(Locale.ROOT, "%.6f %s", m.timestamp(), m.label()));
        }
        List<String> sorted = new ArrayList<>(played);
        Collections.sort(sorted);
        assertEquals(sorted, played, "in time order");
        assertEquals(expected, played);
        assertTrue(played.size() >= 2 * loopMarkers.size(), played.size() + " vs " + loopMarkers.size());
    }

    @Test
    void badLoopsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> session(1, 10).withLoop(-1));
        assertThrows(IllegalArgumentException.class, () -> session(1, 10).withLoop(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> session(1, 10).withLoop(0.001));
        assertThrows(IllegalArgumentException.class, () -> new SyntheticEeg(session(1, 10)));
        assertThrows(
                IllegalArgumentException.class,
                () -> new LoopedEeg(session(1, 10).withLoop(0)));
        assertNotEquals(0, session(1, 10).loopSeconds());
    }
}
