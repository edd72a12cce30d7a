package org.neuroloop.ingest.flink;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.Marker;
import org.neuroloop.ingest.synthetic.SyntheticEeg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emits the records of its synthetic sessions in time order (always the session whose next record is due
 * first), each with its newest sample's timestamp as Flink event time ({@code floor(t * 1000)} ms, the same as
 * {@link LslSource#toEventMillis}). When paced, a record is held back until the clock
 * ({@link SyntheticSource#clockSeconds()}, the LSL clock) reaches its newest timestamp, as a real amplifier would
 * deliver it. After each record the reader emits the watermark {@code (next record's timestamp) - 1 ms} over all
 * its sessions, so a sparse marker source does not hold back event time downstream.
 */
final class SyntheticSourceReader<T> implements SourceReader<T, SyntheticSplit> {

    private static final Logger LOG = LoggerFactory.getLogger(SyntheticSourceReader.class);

    /** One session being emitted. */
    private interface Cursor<T> {
        boolean hasNext();

        /** LSL time at which the next record is complete. */
        double due();

        T next();

        SyntheticSplit snapshot();
    }

    private final SyntheticSource.Kind kind;
    private final boolean paced;
    private final List<Cursor<T>> cursors = new ArrayList<>();
    private boolean noMoreSplits;
    private CompletableFuture<Void> available = new CompletableFuture<>();

    SyntheticSourceReader(SyntheticSource.Kind kind, boolean paced) {
        this.kind = kind;
        this.paced = paced;
    }

    @Override
    public void start() {}

    @Override
    public InputStatus pollNext(ReaderOutput<T> output) {
        Cursor<T> first = null;
        for (int i = cursors.size() - 1; i >= 0; i--) {
            Cursor<T> c = cursors.get(i);
            if (!c.hasNext()) {
                LOG.info("synthetic session {} finished", c.snapshot().splitId());
                cursors.remove(i);
            } else if (first == null || c.due() < first.due()) {
                first = c;
            }
        }
        if (first == null) {
            if (noMoreSplits) {
                return InputStatus.END_OF_INPUT;
            }
            if (available.isDone()) {
                available = new CompletableFuture<>();
            }
            return InputStatus.NOTHING_AVAILABLE;
        }
        double due = first.due();
        if (paced) {
            double wait = due - SyntheticSource.clockSeconds();
            if (wait > 0) {
                long micros = (long) Math.ceil(wait * 1e6);
                CompletableFuture<Void> f = new CompletableFuture<>();
                CompletableFuture.delayedExecutor(micros, TimeUnit.MICROSECONDS).execute(() -> f.complete(null));
                available = f;
                return InputStatus.NOTHING_AVAILABLE;
            }
        }
        output.collect(first.next(), eventMillis(due));
        // The schedule is known, so the watermark can jump to just before the next record of any session: a
        // sparse marker stream then never holds back the event time of the streams it is joined with.
        long next = Long.MAX_VALUE;
        for (Cursor<T> c : cursors) {
            if (c.hasNext()) {
                next = Math.min(next, eventMillis(c.due()));
            }
        }
        if (next != Long.MAX_VALUE) {
            output.emitWatermark(new Watermark(next - 1));
        }
        return InputStatus.MORE_AVAILABLE;
    }

    /** Flink record timestamp of an LSL time, as {@link LslSource#toEventMillis}. */
    private static long eventMillis(double lslSeconds) {
        return (long) Math.floor(lslSeconds * 1000.0);
    }

    @Override
    public List<SyntheticSplit> snapshotState(long checkpointId) {
        List<SyntheticSplit> out = new ArrayList<>();
        for (Cursor<T> c : cursors) {
            out.add(c.snapshot());
        }
        return out;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return available;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void addSplits(List<SyntheticSplit> splits) {
        for (SyntheticSplit split : splits) {
            LOG.info("synthetic session {}: {} from position {}", split.splitId(), kind, split.position());
            cursors.add((Cursor<T>)
                    (kind == SyntheticSource.Kind.CHUNKS ? new ChunkCursor(split) : new MarkerCursor(split)));
        }
        available.complete(null);
    }

    @Override
    public void notifyNoMoreSplits() {
        noMoreSplits = true;
        available.complete(null);
    }

    @Override
    public void close() {
        available.complete(null);
    }

    private static final class ChunkCursor implements Cursor<Chunk> {
        private final SyntheticSplit split;
        private final SyntheticEeg eeg;

        ChunkCursor(SyntheticSplit split) {
            this.split = split;
            this.eeg = new SyntheticEeg(split.config());
            eeg.skip(split.position());
        }

        @Override
        public boolean hasNext() {
            return eeg.hasNext();
        }

        @Override
        public double due() {
            long last = Math.min(
                            eeg.position() + split.config().chunkSize(),
                            split.config().totalSamples())
                    - 1;
            return eeg.timeOf(last);
        }

        @Override
        public Chunk next() {
            return eeg.next();
        }

        @Override
        public SyntheticSplit snapshot() {
            return split.at(eeg.position());
        }
    }

    private static final class MarkerCursor implements Cursor<Marker> {
        private final SyntheticSplit split;
        private final List<Marker> markers;
        private int index;

        MarkerCursor(SyntheticSplit split) {
            this.split = split;
            this.markers =
                    SyntheticEeg.truthMarkers(split.config(), split.config().startTime());
            this.index = (int) Math.min(split.position(), markers.size());
        }

        @Override
        public boolean hasNext() {
            return index < markers.size();
        }

        @Override
        public double due() {
            return markers.get(index).timestamp();
        }

        @Override
        public Marker next() {
            return markers.get(index++);
        }

        @Override
        public SyntheticSplit snapshot() {
            return split.at(index);
        }
    }
}
