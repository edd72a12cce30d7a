package org.neuroloop.ingest.flink;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.Marker;
import org.neuroloop.ingest.synthetic.SyntheticChunks;
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

        /** Order in which the session was added, to break ties between equal due times. */
        long order();
    }

    private final SyntheticSource.Kind kind;
    private final boolean paced;
    /**
     * Sessions by due time (ties in the order they were added): a reader carries up to thousands of sessions, and
     * scanning them all for every record made the source's cost per record grow with the session count.
     */
    private final PriorityQueue<Cursor<T>> cursors = new PriorityQueue<>(SyntheticSourceReader::earlier);

    private long added;
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
        Cursor<T> first = cursors.peek();
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
        cursors.poll();
        output.collect(first.next(), eventMillis(due));
        enqueue(first);
        // The schedule is known, so the watermark can jump to just before the next record of any session: a
        // sparse marker stream then never holds back the event time of the streams it is joined with.
        Cursor<T> next = cursors.peek();
        if (next != null) {
            output.emitWatermark(new Watermark(eventMillis(next.due()) - 1));
        }
        return InputStatus.MORE_AVAILABLE;
    }

    /** Due time first, then the order added; a plain method, as the queue compares ~log2(sessions) times a record. */
    private static int earlier(Cursor<?> a, Cursor<?> b) {
        int byDue = Double.compare(a.due(), b.due());
        return byDue != 0 ? byDue : Long.compare(a.order(), b.order());
    }

    /** Queues a session that has records left; a finished one is dropped. */
    private void enqueue(Cursor<T> c) {
        if (c.hasNext()) {
            cursors.add(c);
        } else {
            LOG.info("synthetic session {} finished", c.snapshot().splitId());
        }
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
            long order = added++;
            enqueue((Cursor<T>)
                    (kind == SyntheticSource.Kind.CHUNKS
                            ? new ChunkCursor(split, order)
                            : new MarkerCursor(split, order)));
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
        private final SyntheticChunks eeg;

        private final long order;
        private final long total;
        private final int chunkSize;
        /** {@link #due()}, computed once per record rather than at every comparison in the queue. */
        private double due;

        ChunkCursor(SyntheticSplit split, long order) {
            this.split = split;
            this.order = order;
            this.eeg = SyntheticChunks.open(split.config());
            this.total = split.config().totalSamples();
            this.chunkSize = split.config().chunkSize();
            eeg.skip(split.position());
            due = nextDue();
        }

        @Override
        public boolean hasNext() {
            return eeg.hasNext();
        }

        @Override
        public double due() {
            return due;
        }

        private double nextDue() {
            return eeg.timeOf(Math.min(eeg.position() + chunkSize, total) - 1);
        }

        @Override
        public Chunk next() {
            Chunk c = eeg.next();
            due = nextDue();
            return c;
        }

        @Override
        public SyntheticSplit snapshot() {
            return split.at(eeg.position());
        }

        @Override
        public long order() {
            return order;
        }
    }

    private static final class MarkerCursor implements Cursor<Marker> {
        private final SyntheticSplit split;
        private final List<Marker> markers;
        private int index;

        private final long order;

        MarkerCursor(SyntheticSplit split, long order) {
            this.split = split;
            this.order = order;
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

        @Override
        public long order() {
            return order;
        }
    }
}
