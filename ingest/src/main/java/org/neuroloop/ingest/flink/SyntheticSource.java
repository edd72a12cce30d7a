package org.neuroloop.ingest.flink;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.Marker;
import org.neuroloop.ingest.synthetic.SyntheticEeg;
import org.neuroloop.ingest.synthetic.SyntheticEegConfig;

/**
 * Synthetic EEG sessions ({@link SyntheticEeg}) as a Flink (FLIP-27) source: {@link #chunks} emits the EEG as
 * {@link Chunk}s, {@link #markers} the ground-truth {@link Marker}s (cues, spindle and slow-oscillation times).
 *
 * <p>One split per session, spread over the readers. Each record's Flink timestamp is its newest sample's
 * timestamp in ms, {@code floor(t * 1000)} as for {@link LslSource}; records of one reader come out in time order,
 * so {@link LslWatermarks#followNewestSample()} or {@code WatermarkStrategy.forMonotonousTimestamps()} apply.
 * The source is bounded when every session has a finite duration. Paced sources emit in real time on the LSL clock
 * (CLOCK_MONOTONIC, {@link #clockSeconds()}); unpaced ones as fast as downstream takes them. Checkpoints store
 * each session's position; the deterministic generator regenerates it exactly on restore.
 *
 * <p>To pair a chunk source and a marker source of sessions that start "now" (start time NaN), build both with
 * {@link #pair} (or resolve the start times once with {@link #resolveStartTimes} and give both the same configs);
 * two separate {@link #chunks}/{@link #markers} calls would each take their own "now". A paced session that
 * starts "now" at job construction first emits, at once, the data due while the job was starting up.
 */
public final class SyntheticSource<T>
        implements Source<T, SyntheticSplit, ArrayList<SyntheticSplit>>, ResultTypeQueryable<T> {

    private static final long serialVersionUID = 1L;

    enum Kind {
        CHUNKS,
        MARKERS
    }

    private final List<SyntheticEegConfig> sessions;
    private final boolean paced;
    private final Kind kind;
    private final Class<T> type;
    private final SplitPlacement placement;

    private SyntheticSource(List<SyntheticEegConfig> sessions, boolean paced, Kind kind, Class<T> type) {
        this(sessions, paced, kind, type, SplitPlacement.roundRobin());
    }

    private SyntheticSource(
            List<SyntheticEegConfig> sessions, boolean paced, Kind kind, Class<T> type, SplitPlacement placement) {
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("synthetic source needs at least one session");
        }
        List<String> ids = new ArrayList<>();
        for (SyntheticEegConfig c : sessions) {
            if (ids.contains(c.sessionId())) {
                throw new IllegalArgumentException("synthetic source: session id " + c.sessionId() + " given twice");
            }
            ids.add(c.sessionId());
        }
        this.sessions = List.copyOf(resolveStartTimes(sessions));
        this.paced = paced;
        this.kind = kind;
        this.type = type;
        this.placement = placement;
    }

    /** This source with its sessions placed on readers by {@code placement} (round robin by default). */
    public SyntheticSource<T> withPlacement(SplitPlacement placement) {
        return new SyntheticSource<>(sessions, paced, kind, type, placement);
    }

    /** The sessions' EEG as chunks (paced = real time on the LSL clock). */
    public static SyntheticSource<Chunk> chunks(List<SyntheticEegConfig> sessions, boolean paced) {
        return new SyntheticSource<>(sessions, paced, Kind.CHUNKS, Chunk.class);
    }

    /** The sessions' ground-truth markers (paced = each marker released at its own time). */
    public static SyntheticSource<Marker> markers(List<SyntheticEegConfig> sessions, boolean paced) {
        return new SyntheticSource<>(sessions, paced, Kind.MARKERS, Marker.class);
    }

    /** A chunk source and a marker source over the same sessions, with "now" start times resolved once for both. */
    public record Pair(SyntheticSource<Chunk> chunks, SyntheticSource<Marker> markers) {}

    /** The EEG and the truth markers of the same sessions (see the class comment on start times). */
    public static Pair pair(List<SyntheticEegConfig> sessions, boolean paced) {
        List<SyntheticEegConfig> resolved = resolveStartTimes(sessions);
        return new Pair(chunks(resolved, paced), markers(resolved, paced));
    }

    /** The LSL clock in seconds: CLOCK_MONOTONIC, i.e. {@code System.nanoTime()} on Linux. */
    public static double clockSeconds() {
        return System.nanoTime() / 1e9;
    }

    /** The configs with a NaN ("now") start time set to the current LSL clock. */
    public static List<SyntheticEegConfig> resolveStartTimes(List<SyntheticEegConfig> sessions) {
        double now = clockSeconds();
        List<SyntheticEegConfig> out = new ArrayList<>();
        for (SyntheticEegConfig c : sessions) {
            out.add(Double.isNaN(c.startTime()) ? c.withStartTime(now) : c);
        }
        return out;
    }

    /** The sessions with their resolved start times. */
    public List<SyntheticEegConfig> sessions() {
        return sessions;
    }

    @Override
    public Boundedness getBoundedness() {
        return sessions.stream().allMatch(SyntheticEegConfig::bounded)
                ? Boundedness.BOUNDED
                : Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<T, SyntheticSplit> createReader(SourceReaderContext readerContext) {
        return new SyntheticSourceReader<>(kind, paced);
    }

    @Override
    public SplitEnumerator<SyntheticSplit, ArrayList<SyntheticSplit>> createEnumerator(
            SplitEnumeratorContext<SyntheticSplit> context) {
        List<SyntheticSplit> splits = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            splits.add(new SyntheticSplit(i, sessions.get(i), 0));
        }
        return new FixedSplitEnumerator<>(context, splits, placement);
    }

    @Override
    public SplitEnumerator<SyntheticSplit, ArrayList<SyntheticSplit>> restoreEnumerator(
            SplitEnumeratorContext<SyntheticSplit> context, ArrayList<SyntheticSplit> checkpoint) {
        return new FixedSplitEnumerator<>(context, checkpoint, placement);
    }

    @Override
    public SimpleVersionedSerializer<SyntheticSplit> getSplitSerializer() {
        return SyntheticSplitSerializer.SPLIT;
    }

    @Override
    public SimpleVersionedSerializer<ArrayList<SyntheticSplit>> getEnumeratorCheckpointSerializer() {
        return SyntheticSplitSerializer.PENDING;
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return TypeInformation.of(type);
    }
}
