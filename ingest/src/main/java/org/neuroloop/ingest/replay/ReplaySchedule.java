package org.neuroloop.ingest.replay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.ChunkFlags;
import org.neuroloop.dsp.record.Marker;
import org.neuroloop.ingest.recording.Annotation;
import org.neuroloop.ingest.recording.RecordedStream;
import org.neuroloop.ingest.recording.Recording;

/**
 * A recording as one time-ordered sequence of {@link ReplayEvent}s with the file's timestamps: every numeric
 * stream cut into chunks (a chunk never spans a gap; the first chunk after a gap has {@link ChunkFlags#GAP}, the
 * last chunk of a stream {@link ChunkFlags#END_OF_STREAM}), every string-stream sample and every annotation as a
 * marker. Events are merged across tracks by {@link ReplayEvent#due()} (ties: lower track first).
 *
 * <p>Pure and resumable: {@link #positions()} is the whole state (next sample/marker index per track) and
 * {@link #seek(long[])} restores it, which is what a checkpoint stores.
 */
public final class ReplaySchedule {

    /** What a track replays: a numeric stream, a string stream, or the recording's annotations. */
    public sealed interface Track {
        String name();
    }

    /** Numeric stream replayed in chunks of at most {@code chunkSamples} samples. */
    public record NumericTrack(RecordedStream stream, int chunkSamples) implements Track {
        @Override
        public String name() {
            return stream.name();
        }
    }

    /** A string stream, one marker per sample. */
    public record StringTrack(RecordedStream stream) implements Track {
        @Override
        public String name() {
            return stream.name();
        }
    }

    /** The recording's annotations, one marker each (with duration). */
    public record AnnotationTrack(List<Annotation> annotations) implements Track {
        @Override
        public String name() {
            return "annotations";
        }
    }

    private final String sessionId;
    private final List<Track> tracks;
    private final long[] pos;

    public ReplaySchedule(String sessionId, List<Track> tracks) {
        this.sessionId = sessionId;
        this.tracks = List.copyOf(tracks);
        this.pos = new long[tracks.size()];
    }

    /**
     * Every stream of a recording: numeric streams in chunks of {@code chunkSeconds} (at least one sample),
     * string streams and annotations as markers.
     */
    public static ReplaySchedule of(Recording r, String sessionId, double chunkSeconds) {
        List<Track> t = new ArrayList<>();
        for (RecordedStream s : r.streams()) {
            t.add(s.isString() ? new StringTrack(s) : new NumericTrack(s, chunkSamples(s, chunkSeconds)));
        }
        if (!r.annotations().isEmpty()) {
            t.add(new AnnotationTrack(r.annotations()));
        }
        return new ReplaySchedule(sessionId, t);
    }

    /** One numeric stream only, in chunks (no markers). */
    public static ReplaySchedule chunksOf(RecordedStream s, String sessionId, double chunkSeconds) {
        return new ReplaySchedule(sessionId, List.of(new NumericTrack(s, chunkSamples(s, chunkSeconds))));
    }

    /** Only the markers of a recording: string streams and annotations. */
    public static ReplaySchedule markersOf(Recording r, String sessionId) {
        List<Track> t = new ArrayList<>();
        for (RecordedStream s : r.markerStreams()) {
            t.add(new StringTrack(s));
        }
        if (!r.annotations().isEmpty()) {
            t.add(new AnnotationTrack(r.annotations()));
        }
        return new ReplaySchedule(sessionId, t);
    }

    /** Samples per chunk for {@code seconds} at the stream's rate (at least 1; 1 for irregular streams). */
    public static int chunkSamples(RecordedStream s, double seconds) {
        return s.nominalRate() > 0 ? Math.max(1, (int) Math.round(s.nominalRate() * seconds)) : 1;
    }

    public List<Track> tracks() {
        return tracks;
    }

    public String sessionId() {
        return sessionId;
    }

    /** Next index per track (sample index for numeric tracks, marker index otherwise). */
    public long[] positions() {
        return pos.clone();
    }

    public void seek(long[] positions) {
        if (positions.length != pos.length) {
            throw new IllegalArgumentException("replay of session " + sessionId + ": " + positions.length
                    + " positions for " + pos.length + " tracks");
        }
        System.arraycopy(positions, 0, pos, 0, pos.length);
    }

    public boolean hasNext() {
        for (int k = 0; k < tracks.size(); k++) {
            if (pos[k] < length(k)) {
                return true;
            }
        }
        return false;
    }

    /** Recording time of the next event (NaN when done), without consuming it. */
    public double nextDue() {
        int k = nextTrack();
        return k < 0 ? Double.NaN : due(k);
    }

    public ReplayEvent next() {
        int k = nextTrack();
        if (k < 0) {
            throw new NoSuchElementException("replay of session " + sessionId + " is finished");
        }
        Track t = tracks.get(k);
        int i = (int) pos[k];
        if (t instanceof NumericTrack nt) {
            RecordedStream s = nt.stream();
            int end = chunkEnd(nt, i);
            int ch = s.channelCount();
            int flags = 0;
            if (Arrays.binarySearch(s.gapStarts(), i) >= 0) {
                flags |= ChunkFlags.GAP;
            }
            if (end == s.sampleCount()) {
                flags |= ChunkFlags.END_OF_STREAM;
            }
            Chunk c = new Chunk(
                    sessionId,
                    i,
                    Arrays.copyOfRange(s.timestamps(), i, end),
                    Arrays.copyOfRange(s.samples(), i * ch, end * ch),
                    ch,
                    s.nominalRate(),
                    flags);
            pos[k] = end;
            return new ReplayEvent.ChunkEvent(k, c);
        }
        pos[k] = i + 1L;
        if (t instanceof StringTrack st) {
            RecordedStream s = st.stream();
            int ch = s.channelCount();
            String[] v = Arrays.copyOfRange(s.strings(), i * ch, (i + 1) * ch);
            return new ReplayEvent.MarkerEvent(k, new Marker(sessionId, s.timestamps()[i], String.join(",", v), 0), v);
        }
        Annotation a = ((AnnotationTrack) t).annotations().get(i);
        return new ReplayEvent.MarkerEvent(
                k, new Marker(sessionId, a.onset(), a.label(), a.duration()), new String[] {a.label()});
    }

    private int nextTrack() {
        int best = -1;
        double bestDue = Double.POSITIVE_INFINITY;
        for (int k = 0; k < tracks.size(); k++) {
            if (pos[k] < length(k)) {
                double d = due(k);
                if (best < 0 || d < bestDue) {
                    best = k;
                    bestDue = d;
                }
            }
        }
        return best;
    }

    private long length(int k) {
        Track t = tracks.get(k);
        if (t instanceof NumericTrack nt) {
            return nt.stream().sampleCount();
        }
        if (t instanceof StringTrack st) {
            return st.stream().sampleCount();
        }
        return ((AnnotationTrack) t).annotations().size();
    }

    private double due(int k) {
        Track t = tracks.get(k);
        int i = (int) pos[k];
        if (t instanceof NumericTrack nt) {
            return nt.stream().timestamps()[chunkEnd(nt, i) - 1];
        }
        if (t instanceof StringTrack st) {
            return st.stream().timestamps()[i];
        }
        return ((AnnotationTrack) t).annotations().get(i).onset();
    }

    /** End (exclusive) of the chunk starting at {@code i}: chunk size, the next gap, or the stream's end. */
    private static int chunkEnd(NumericTrack t, int i) {
        RecordedStream s = t.stream();
        int end = Math.min(s.sampleCount(), i + t.chunkSamples());
        int[] gaps = s.gapStarts();
        int g = Arrays.binarySearch(gaps, i + 1);
        if (g < 0) {
            g = -g - 1;
        }
        return g < gaps.length && gaps[g] < end ? gaps[g] : end;
    }
}
