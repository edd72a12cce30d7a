package org.neuroloop.ingest.flink;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each recording file to reader {@code ordinal mod parallelism} when that reader registers, then signals
 * no more splits. Splits returned after a failure go back to the same reader when it re-registers.
 */
final class RecordingEnumerator implements SplitEnumerator<RecordingSplit, ArrayList<RecordingSplit>> {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingEnumerator.class);

    private final SplitEnumeratorContext<RecordingSplit> context;
    private final List<RecordingSplit> pending;

    RecordingEnumerator(SplitEnumeratorContext<RecordingSplit> context, List<RecordingSplit> pending) {
        this.context = context;
        this.pending = new ArrayList<>(pending);
    }

    @Override
    public void start() {
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        // splits are pushed in addReader
    }

    @Override
    public void addSplitsBack(List<RecordingSplit> splits, int subtaskId) {
        pending.addAll(splits);
    }

    @Override
    public void addReader(int subtaskId) {
        int parallelism = context.currentParallelism();
        for (Iterator<RecordingSplit> it = pending.iterator(); it.hasNext(); ) {
            RecordingSplit split = it.next();
            if (split.ordinal() % parallelism == subtaskId) {
                LOG.info("recording {} -> reader {}", split, subtaskId);
                context.assignSplit(split, subtaskId);
                it.remove();
            }
        }
        context.signalNoMoreSplits(subtaskId);
    }

    @Override
    public ArrayList<RecordingSplit> snapshotState(long checkpointId) {
        return new ArrayList<>(pending);
    }

    @Override
    public void close() {
    }
}
