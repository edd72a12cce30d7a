package org.neuroloop.ingest.synthetic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.Marker;

/**
 * The buffer a {@link LoopedEeg} plays: {@code loopSeconds} of {@link SyntheticEeg} output (the session's channels,
 * rate, levels and planted events, seed {@link LoopedEeg#LOOP_SEED}), generated once and shared by every session
 * with the same settings, interleaved sample by sample. A few loops are cached per JVM (least recently used first
 * out), so thousands of sessions of one montage hold one buffer.
 */
final class SyntheticLoop {
    private static final int CACHED = 4;
    private static final Map<SyntheticEegConfig, SyntheticLoop> CACHE = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SyntheticEegConfig, SyntheticLoop> eldest) {
            return size() > CACHED;
        }
    };

    /** Interleaved samples, {@code length * channels}. */
    private final double[] data;

    private final int channels;
    private final int length;
    /** The planted events' markers at their times in the loop (seconds from its first sample). */
    private final List<Marker> markers;

    private SyntheticLoop(SyntheticEegConfig template) {
        this.channels = template.channelCount();
        this.length = (int) template.totalSamples();
        this.data = new double[length * channels];
        SyntheticEeg eeg = new SyntheticEeg(template);
        int at = 0;
        while (eeg.hasNext()) {
            Chunk c = eeg.next(4096);
            System.arraycopy(c.samples(), 0, data, at, c.samples().length);
            at += c.samples().length;
        }
        this.markers = SyntheticEeg.truthMarkers(template, 0);
    }

    /** The loop of a looped session's settings (its session id, seed, duration, chunking and start do not matter). */
    static SyntheticLoop of(SyntheticEegConfig session) {
        SyntheticEegConfig template = session.withSessionId("loop")
                .withSeed(LoopedEeg.LOOP_SEED)
                .withChunkSize(1)
                .withDuration(session.loopSeconds())
                .withStartTime(0)
                .withLoop(0);
        synchronized (CACHE) {
            return CACHE.computeIfAbsent(template, SyntheticLoop::new);
        }
    }

    /** Samples in the loop. */
    int length() {
        return length;
    }

    /** The loop's markers, times in seconds from its first sample. */
    List<Marker> markers() {
        return markers;
    }

    /** Copies {@code samples} samples starting at loop index {@code from} (any value, taken modulo the length). */
    void copy(long from, double[] out, int samples) {
        int start = (int) Math.floorMod(from, (long) length);
        int done = 0;
        while (done < samples) {
            int n = Math.min(samples - done, length - start);
            System.arraycopy(data, start * channels, out, done * channels, n * channels);
            done += n;
            start = 0;
        }
    }
}
