package org.neuroloop.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What reaches the end of the job during a long run, readable while it runs: chunk lags in an HdrHistogram
 * {@link Recorder} (microseconds; {@link #intervalLags()} takes the lags since the last call), and per session the
 * samples seen and any break in the sample sequence numbers ({@code Chunk#firstSeq}): a chunk starting after the
 * next expected sample means samples were lost, one starting before it means samples arrived twice (a session's
 * chunks pass one keyed subtask in order, so an earlier start is a repeat, not a late arrival). Memory stays
 * constant however long the run: no per-chunk record is kept.
 *
 * <p>Meters live in a JVM-wide registry by name, so a {@link ChunkLagProbe#live probe} running in an embedded
 * MiniCluster's task threads finds the meter its caller opened.
 */
public final class SoakMeter {
    private static final Map<String, SoakMeter> METERS = new ConcurrentHashMap<>();

    /** One session's sample sequence as seen at the probe. */
    private static final class Tally {
        private long next;
        private long seen;
        private long lost;
        private long duplicated;

        synchronized void add(long firstSeq, int length) {
            if (firstSeq > next) {
                lost += firstSeq - next;
            } else if (firstSeq < next) {
                duplicated += Math.min(length, next - firstSeq);
            }
            next = Math.max(next, firstSeq + length);
            seen += length;
        }
    }

    private final Recorder lagMicros = new Recorder(3);
    private final Map<String, Tally> sessions = new ConcurrentHashMap<>();

    /** Opens a fresh meter under {@code name}, replacing any earlier one. */
    public static SoakMeter open(String name) {
        SoakMeter m = new SoakMeter();
        METERS.put(name, m);
        return m;
    }

    /** The meter opened under {@code name}. */
    public static SoakMeter named(String name) {
        SoakMeter m = METERS.get(name);
        if (m == null) {
            throw new IllegalStateException("no soak meter '" + name + "' open in this JVM");
        }
        return m;
    }

    /** Forgets the meter {@code name}. */
    public static void close(String name) {
        METERS.remove(name);
    }

    /** Records one chunk: its session, first sample's sequence number, length and lag in seconds. */
    public void record(String sessionId, long firstSeq, int length, double lagSeconds) {
        lagMicros.recordValue(Math.max(0, Math.round(lagSeconds * 1e6)));
        sessions.computeIfAbsent(sessionId, k -> new Tally()).add(firstSeq, length);
    }

    /** Lags (µs) recorded since the previous call (or since the meter was opened). */
    public Histogram intervalLags() {
        return lagMicros.getIntervalHistogram();
    }

    /** Sessions seen so far. */
    public int sessionCount() {
        return sessions.size();
    }

    /** Samples seen so far, duplicates included. */
    public long samplesSeen() {
        return sum(0);
    }

    /** Samples skipped in the sequence so far (a chunk started after the next expected sample). */
    public long samplesLostInGaps() {
        return sum(1);
    }

    /** Samples that arrived a second time so far. */
    public long samplesDuplicated() {
        return sum(2);
    }

    /** Per session, the sequence number of the next sample expected: its samples delivered in order so far. */
    public Map<String, Long> nextSequence() {
        Map<String, Long> out = new ConcurrentHashMap<>();
        sessions.forEach((k, t) -> {
            synchronized (t) {
                out.put(k, t.next);
            }
        });
        return out;
    }

    private long sum(int which) {
        long total = 0;
        for (Tally t : sessions.values()) {
            synchronized (t) {
                total += which == 0 ? t.seen : which == 1 ? t.lost : t.duplicated;
            }
        }
        return total;
    }
}
