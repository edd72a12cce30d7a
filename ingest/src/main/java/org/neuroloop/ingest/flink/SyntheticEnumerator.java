package org.neuroloop.ingest.flink;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each synthetic session to reader {@code ordinal mod parallelism} as soon as that reader registers, then
 * tells it no more splits will come. Splits returned after a failure go back to the same reader when it
 * re-registers.
 */
final class SyntheticEnumerator implements SplitEnumerator<SyntheticSplit, ArrayList<SyntheticSplit>> {

    private static final Logger LOG = LoggerFactory.getLogger(SyntheticEnumerator.class);

    private final SplitEnumeratorContext<SyntheticSplit> context;
    private final List<SyntheticSplit> pending;

    SyntheticEnumerator(SplitEnumeratorContext<SyntheticSplit> context, List<SyntheticSplit> pending) {
        this.context = context;
        this.pending = new ArrayList<>(pending);
    }

    @Override
    public void start() {
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        // assignment is pushed in addReader
    }

    @Override
    public void addSplitsBack(List<SyntheticSplit> splits, int subtaskId) {
        pending.addAll(splits);
    }

    @Override
    public void addReader(int subtaskId) {
        int parallelism = context.currentParallelism();
        for (Iterator<SyntheticSplit> it = pending.iterator(); it.hasNext(); ) {
            SyntheticSplit split = it.next();
            if (split.ordinal() % parallelism == subtaskId) {
                LOG.info("synthetic session {} (from sample/marker {}) -> reader {}", split.splitId(), split.position(), subtaskId);
                context.assignSplit(split, subtaskId);
                it.remove();
            }
        }
        context.signalNoMoreSplits(subtaskId);
    }

    @Override
    public ArrayList<SyntheticSplit> snapshotState(long checkpointId) {
        return new ArrayList<>(pending);
    }

    @Override
    public void close() {
    }
}
