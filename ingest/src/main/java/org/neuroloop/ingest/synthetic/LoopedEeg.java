package org.neuroloop.ingest.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.ChunkFlags;
import org.neuroloop.dsp.record.Marker;

/**
 * A synthetic session that plays a shared buffer ({@link SyntheticLoop}: {@link SyntheticEegConfig#loopSeconds()}
 * of {@link SyntheticEeg} output with the session's channels, rate, levels and planted events, seed
 * {@link #LOOP_SEED}) in a loop, from an offset its own seed chooses. A chunk costs one copy instead of generating
 * each sample, for loads of thousands of sessions where the generator would cost more than the pipeline it feeds;
 * the signal has the generator's spectrum and events, and jumps once per loop where the buffer wraps. Sessions of
 * one loop differ only by their offset. Deterministic: {@link #skip} repositions exactly. Not thread-safe.
 */
public final class LoopedEeg implements SyntheticChunks {
    /** Seed of every loop's generator. */
    public static final long LOOP_SEED = 0x5EEDL;

    /** Markers of an endless looped session: one hour of loops, as an endless generated session's schedule. */
    private static final double ENDLESS_MARKER_SECONDS = 3600;

    private final SyntheticEegConfig config;
    private final SyntheticLoop loop;
    private final long offset;
    private final int channels;
    private final long total;
    private long position;

    public LoopedEeg(SyntheticEegConfig config) {
        if (!config.looped()) {
            throw new IllegalArgumentException("synthetic EEG " + config.sessionId() + " has no loop (loopSeconds 0)");
        }
        if (Double.isNaN(config.startTime())) {
            throw new IllegalArgumentException("synthetic EEG " + config.sessionId()
                    + ": start time is NaN (= now); resolve it with config.withStartTime(clock) before playing");
        }
        this.config = config;
        this.loop = SyntheticLoop.of(config);
        this.offset = offsetOf(config.seed(), loop.length());
        this.channels = config.channelCount();
        this.total = config.totalSamples();
    }

    /** The loop index a session with {@code seed} starts at. */
    private static long offsetOf(long seed, int length) {
        return new SplittableRandom(seed).nextInt(length);
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public double timeOf(long index) {
        return config.startTime() + index / config.rate();
    }

    @Override
    public boolean hasNext() {
        return position < total;
    }

    @Override
    public Chunk next() {
        if (!hasNext()) {
            throw new NoSuchElementException(
                    "synthetic EEG " + config.sessionId() + " ended after " + total + " samples");
        }
        int len = (int) Math.min(config.chunkSize(), total - position);
        long first = position;
        double[] stamps = new double[len];
        for (int i = 0; i < len; i++) {
            stamps[i] = timeOf(first + i);
        }
        double[] samples = new double[len * channels];
        loop.copy(offset + first, samples, len);
        position += len;
        int flags = position >= total ? ChunkFlags.END_OF_STREAM : 0;
        return new Chunk(config.sessionId(), first, stamps, samples, channels, config.rate(), flags);
    }

    @Override
    public void skip(long samples) {
        position = Math.min(total, position + samples);
    }

    /**
     * The loop's planted events as they come by in this session, on the LSL clock from {@code startTime}, sorted:
     * the markers of {@link SyntheticEeg#truthMarkers()} for each pass through the loop whose onset falls within
     * the session (an endless session: its first hour).
     */
    public static List<Marker> truthMarkers(SyntheticEegConfig config, double startTime) {
        SyntheticLoop loop = SyntheticLoop.of(config);
        double rate = config.rate();
        double period = loop.length() / rate;
        double shift = offsetOf(config.seed(), loop.length()) / rate;
        double end = config.bounded() ? config.totalSamples() / rate : ENDLESS_MARKER_SECONDS;
        List<Marker> out = new ArrayList<>();
        for (double pass = 0; pass - shift < end; pass += period) {
            for (Marker m : loop.markers()) {
                double t = m.timestamp() + pass - shift;
                if (t >= 0 && t < end) {
                    out.add(new Marker(config.sessionId(), startTime + t, m.label(), m.duration()));
                }
            }
        }
        out.sort((a, b) -> Double.compare(a.timestamp(), b.timestamp()));
        return out;
    }
}
