package org.neuroloop.ingest.flink;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
import org.neuroloop.dsp.record.ChunkFlags;
import org.neuroloop.dsp.record.Marker;
import org.neuroloop.ingest.replay.ReplaySpeed;

/**
 * Replays recording files (any format {@code Recordings.open} reads) as a bounded Flink (FLIP-27) source, one
 * split and one session per file. Two sources share one configuration, as for {@link SyntheticSource}:
 * {@link #chunks} emits the file's EEG stream as {@link Chunk}s, {@link #markers} its markers (annotations and
 * string-stream samples) as {@link Marker}s; a job that wants both adds both and keys them by session. (A
 * source has one output type and no side outputs, so markers are a second source rather than a side output.)
 *
 * <p>Chunks carry the file's timestamps; each record's Flink timestamp is its newest sample's timestamp in ms,
 * {@code floor(t * 1000)}, and records of one file come in time order, so
 * {@code WatermarkStrategy.forMonotonousTimestamps()} applies. A chunk never spans a discontinuity: the first one
 * after an EDF+D gap or XDF clock reset has {@link ChunkFlags#GAP}; the last one of a file has
 * {@link ChunkFlags#END_OF_STREAM}. Pacing ({@link ReplaySpeed}): real time or a factor anchored when the reader
 * emits the file's first record, or as fast as downstream takes it. Checkpoints store each file's position.
 */
public final class RecordingSource<T>
        implements Source<T, RecordingSplit, ArrayList<RecordingSplit>>, ResultTypeQueryable<T> {
    private static final long serialVersionUID = 1L;

    enum Kind {
        CHUNKS,
        MARKERS
    }

    /**
     * @param speed pacing
     * @param chunkSeconds chunk length (at least one sample per chunk)
     * @param stream name of the stream to replay, or null for the recording's main EEG stream
     * @param textRate sampling rate for plain-text files (NaN: from the file name)
     */
    public record Settings(ReplaySpeed speed, double chunkSeconds, String stream, double textRate)
            implements Serializable {
        public static Settings of(ReplaySpeed speed) {
            return new Settings(speed, 0.05, null, Double.NaN);
        }

        public Settings withChunkSeconds(double seconds) {
            return new Settings(speed, seconds, stream, textRate);
        }

        public Settings withStream(String name) {
            return new Settings(speed, chunkSeconds, name, textRate);
        }

        public Settings withTextRate(double rate) {
            return new Settings(speed, chunkSeconds, stream, rate);
        }
    }

    /** A file and the session id its records carry (default: the file's base name). */
    public record RecordingFile(String path, String sessionId) implements Serializable {
        public static RecordingFile of(Path file) {
            String n = file.getFileName().toString();
            int dot = n.lastIndexOf('.');
            return new RecordingFile(file.toString(), dot > 0 ? n.substring(0, dot) : n);
        }

        public static RecordingFile of(Path file, String sessionId) {
            return new RecordingFile(file.toString(), sessionId);
        }
    }

    private final List<RecordingFile> files;
    private final Settings settings;
    private final Kind kind;
    private final Class<T> type;
    private final SplitPlacement placement;

    private RecordingSource(List<RecordingFile> files, Settings settings, Kind kind, Class<T> type) {
        this(files, settings, kind, type, SplitPlacement.roundRobin());
    }

    private RecordingSource(
            List<RecordingFile> files, Settings settings, Kind kind, Class<T> type, SplitPlacement placement) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("recording source needs at least one file");
        }
        Set<String> ids = new HashSet<>();
        for (RecordingFile f : files) {
            if (!ids.add(f.sessionId())) {
                throw new IllegalArgumentException("recording source: session id " + f.sessionId() + " given twice");
            }
        }
        this.files = List.copyOf(files);
        this.settings = settings;
        this.kind = kind;
        this.type = type;
        this.placement = placement;
    }

    /** This source with its files placed on readers by {@code placement} (round robin by default). */
    public RecordingSource<T> withPlacement(SplitPlacement placement) {
        return new RecordingSource<>(files, settings, kind, type, placement);
    }

    /** The files' EEG streams as chunks. */
    public static RecordingSource<Chunk> chunks(List<RecordingFile> files, Settings settings) {
        return new RecordingSource<>(files, settings, Kind.CHUNKS, Chunk.class);
    }

    /** The files' markers (annotations and string streams). */
    public static RecordingSource<Marker> markers(List<RecordingFile> files, Settings settings) {
        return new RecordingSource<>(files, settings, Kind.MARKERS, Marker.class);
    }

    public List<RecordingFile> files() {
        return files;
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<T, RecordingSplit> createReader(SourceReaderContext readerContext) {
        return new RecordingSourceReader<>(kind, settings);
    }

    @Override
    public SplitEnumerator<RecordingSplit, ArrayList<RecordingSplit>> createEnumerator(
            SplitEnumeratorContext<RecordingSplit> context) {
        List<RecordingSplit> splits = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            splits.add(new RecordingSplit(i, files.get(i).path(), files.get(i).sessionId(), new long[0]));
        }
        return new FixedSplitEnumerator<>(context, splits, placement);
    }

    @Override
    public SplitEnumerator<RecordingSplit, ArrayList<RecordingSplit>> restoreEnumerator(
            SplitEnumeratorContext<RecordingSplit> context, ArrayList<RecordingSplit> checkpoint) {
        return new FixedSplitEnumerator<>(context, checkpoint, placement);
    }

    @Override
    public SimpleVersionedSerializer<RecordingSplit> getSplitSerializer() {
        return RecordingSplitSerializer.SPLIT;
    }

    @Override
    public SimpleVersionedSerializer<ArrayList<RecordingSplit>> getEnumeratorCheckpointSerializer() {
        return RecordingSplitSerializer.PENDING;
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return TypeInformation.of(type);
    }
}
