package org.neuroloop.ingest.flink;

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

/**
 * Live LSL streams as a Flink (FLIP-27) source: {@link #chunks} emits {@link Chunk}s of numeric streams,
 * {@link #markers} emits {@link Marker}s of string streams, both on this host's LSL clock after the configured
 * timestamp stages (clock sync, dejitter, monotonize).
 *
 * <p><b>Event time.</b> Each record's Flink timestamp is its newest sample's LSL timestamp in milliseconds,
 * {@code floor(t · 1000)} ({@link #toEventMillis}); the LSL clock is CLOCK_MONOTONIC (seconds since boot), so these
 * are not epoch times. Each stream is its own split with its own watermark; use
 * {@link LslWatermarks#followNewestSample()} (watermark = newest timestamp − 1 ms, emitted with every record) or
 * any monotonous-timestamp strategy. A stream without samples for the stale timeout marks its split idle, so it
 * does not hold back the watermark of the others; its next chunk carries {@code STALE}.
 *
 * Marker timestamps are clock-synced only (never monotonized), so a late marker keeps its true time: give marker
 * streams a bounded-out-of-orderness strategy if their producers push late.
 *
 * <p><b>Latency.</b> A fetcher thread per stream pulls into reused buffers; a waiting pull returns the moment a
 * sample's bytes arrive (see {@link LslSourceSettings#pollIntervalMicros()} for polling instead). Run live jobs with
 * {@code setBufferTimeout(0)};
 * {@code neuroloop bench lsl} measures push → record latency.
 *
 * <p><b>Continuity.</b> One split per stream (by source id). When an outlet disappears, its reader re-resolves it by
 * source id and the first chunk after the reconnect carries {@code GAP}; a restored checkpoint also starts with
 * {@code GAP} (live data cannot be replayed). Sequence numbers continue across both.
 */
public final class LslSource<T> implements Source<T, LslStreamSplit, LslEnumeratorState>, ResultTypeQueryable<T> {
    private final LslSourceSettings settings;
    private final LslSourceReader.FetcherFactory<T> factory;
    private final Class<T> type;

    private LslSource(LslSourceSettings settings, LslSourceReader.FetcherFactory<T> factory, Class<T> type) {
        this.settings = settings;
        this.factory = factory;
        this.type = type;
    }

    /** Numeric streams as chunks of up to {@code maxChunkSamples} samples (values converted to double). */
    public static LslSource<Chunk> chunks(LslSourceSettings settings) {
        return new LslSource<>(settings, ChunkFetcher::new, Chunk.class);
    }

    /** String streams as one marker per sample. */
    public static LslSource<Marker> markers(LslSourceSettings settings) {
        return new LslSource<>(settings, MarkerFetcher::new, Marker.class);
    }

    /** LSL seconds to the Flink record timestamp: {@code floor(t · 1000)} ms. */
    public static long toEventMillis(double lslSeconds) {
        return (long) Math.floor(lslSeconds * 1000.0);
    }

    public LslSourceSettings settings() {
        return settings;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<LslStreamSplit, LslEnumeratorState> createEnumerator(
            SplitEnumeratorContext<LslStreamSplit> context) {
        return new LslSplitEnumerator(context, settings, null);
    }

    @Override
    public SplitEnumerator<LslStreamSplit, LslEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<LslStreamSplit> context, LslEnumeratorState checkpoint) {
        return new LslSplitEnumerator(context, settings, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<LslStreamSplit> getSplitSerializer() {
        return LslSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<LslEnumeratorState> getEnumeratorCheckpointSerializer() {
        return LslEnumeratorStateSerializer.INSTANCE;
    }

    @Override
    public SourceReader<T, LslStreamSplit> createReader(SourceReaderContext readerContext) {
        return new LslSourceReader<>(settings, factory);
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return TypeInformation.of(type);
    }
}
