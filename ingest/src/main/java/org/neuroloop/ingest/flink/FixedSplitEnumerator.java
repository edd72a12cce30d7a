package org.neuroloop.ingest.flink;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enumerator of a fixed list of splits (recording files, synthetic sessions): hands each split to the reader its
 * {@link SplitPlacement} names as soon as that reader registers, then tells it no more splits will come.
 * Splits returned after a failure go back to the same reader when it re-registers, so a session stays on one
 * reader.
 */
final class FixedSplitEnumerator<S extends OrdinalSplit> implements SplitEnumerator<S, ArrayList<S>> {
    private static final Logger LOG = LoggerFactory.getLogger(FixedSplitEnumerator.class);

    private final SplitEnumeratorContext<S> context;
    private final List<S> pending;
    private final SplitPlacement placement;

    FixedSplitEnumerator(SplitEnumeratorContext<S> context, List<S> pending, SplitPlacement placement) {
        this.context = context;
        this.pending = new ArrayList<>(pending);
        this.placement = placement;
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        // splits are pushed in addReader
    }

    @Override
    public void addSplitsBack(List<S> splits, int subtaskId) {
        pending.addAll(splits);
    }

    @Override
    public void addReader(int subtaskId) {
        int parallelism = context.currentParallelism();
        for (Iterator<S> it = pending.iterator(); it.hasNext(); ) {
            S split = it.next();
            if (placement.reader(split, parallelism) == subtaskId) {
                LOG.info("split {} -> reader {}", split.splitId(), subtaskId);
                context.assignSplit(split, subtaskId);
                it.remove();
            }
        }
        context.signalNoMoreSplits(subtaskId);
    }

    @Override
    public ArrayList<S> snapshotState(long checkpointId) {
        return new ArrayList<>(pending);
    }

    @Override
    public void close() {}
}
