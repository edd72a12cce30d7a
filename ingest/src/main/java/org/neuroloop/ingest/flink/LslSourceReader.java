package org.neuroloop.ingest.flink;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;
import org.neuroloop.lsl4j.thread.RealtimeThreads;

/**
 * Source reader: one {@link StreamFetcher} thread per assigned stream feeds a bounded queue; {@link #pollNext}
 * emits queued records through a per-split output (so each stream has its own watermark and idleness) and never
 * blocks. The availability future is completed by the fetchers when they queue something.
 */
final class LslSourceReader<T> implements SourceReader<T, LslStreamSplit>, FetchSink<T> {
    /** A queued record, or an idleness notice when {@code record} is null. */
    private record Fetched<T>(String splitId, T record, long timestamp) {}

    interface FetcherFactory<T> extends Serializable {
        StreamFetcher<T> create(LslStreamSplit split, LslSourceSettings settings, FetchSink<T> sink);
    }

    private final LslSourceSettings settings;
    private final FetcherFactory<T> factory;
    private final BlockingQueue<Fetched<T>> queue = new ArrayBlockingQueue<>(1024);
    private final Object lock = new Object();
    private final Map<String, StreamFetcher<T>> fetchers = new LinkedHashMap<>();
    private final Map<String, SourceOutput<T>> outputs = new HashMap<>();
    private final Set<String> idleSplits = new HashSet<>();
    private CompletableFuture<Void> available = new CompletableFuture<>();
    private volatile boolean closed;

    LslSourceReader(LslSourceSettings settings, FetcherFactory<T> factory) {
        this.settings = settings;
        this.factory = factory;
    }

    @Override
    public void start() {
        // the task thread: the records of every split go through it to the chained operators
        RealtimeThreads.raiseCurrentThread();
        // splits arrive from the enumerator
    }

    @Override
    public InputStatus pollNext(ReaderOutput<T> output) {
        Fetched<T> f;
        synchronized (lock) {
            f = queue.poll();
            if (f == null) {
                if (available.isDone()) {
                    available = new CompletableFuture<>();
                }
                return InputStatus.NOTHING_AVAILABLE;
            }
        }
        SourceOutput<T> out = outputs.computeIfAbsent(f.splitId(), output::createOutputForSplit);
        if (f.record() == null) {
            out.markIdle();
            idleSplits.add(f.splitId());
        } else {
            if (idleSplits.remove(f.splitId())) {
                out.markActive();
            }
            out.collect(f.record(), f.timestamp());
        }
        return queue.isEmpty() ? InputStatus.NOTHING_AVAILABLE : InputStatus.MORE_AVAILABLE;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        synchronized (lock) {
            return queue.isEmpty() ? available : CompletableFuture.completedFuture(null);
        }
    }

    @Override
    public boolean put(String splitId, T record, long timestampMillis) throws InterruptedException {
        Fetched<T> f = new Fetched<>(splitId, record, timestampMillis);
        while (!closed) {
            if (queue.offer(f, 100, TimeUnit.MILLISECONDS)) {
                signal();
                return true;
            }
        }
        return false;
    }

    @Override
    public void idle(String splitId) throws InterruptedException {
        put(splitId, null, Long.MIN_VALUE);
    }

    private void signal() {
        synchronized (lock) {
            available.complete(null);
        }
    }

    @Override
    public List<LslStreamSplit> snapshotState(long checkpointId) {
        List<LslStreamSplit> out = new ArrayList<>(fetchers.size());
        for (StreamFetcher<T> f : fetchers.values()) {
            out.add(f.snapshot());
        }
        return out;
    }

    @Override
    public void addSplits(List<LslStreamSplit> splits) {
        for (LslStreamSplit s : splits) {
            if (fetchers.containsKey(s.splitId())) {
                continue;
            }
            StreamFetcher<T> f = factory.create(s, settings, this);
            fetchers.put(s.splitId(), f);
            f.start();
        }
    }

    @Override
    public void notifyNoMoreSplits() {
        // live streams are unbounded
    }

    @Override
    public void close() {
        closed = true;
        for (StreamFetcher<T> f : fetchers.values()) {
            f.stop();
        }
        fetchers.clear();
        signal();
    }
}
