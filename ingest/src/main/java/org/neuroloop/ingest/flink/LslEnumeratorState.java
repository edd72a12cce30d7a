package org.neuroloop.ingest.flink;

import java.util.List;
import java.util.Set;

/**
 * Checkpointed state of {@link LslSplitEnumerator}: ids of splits already handed to readers (the readers checkpoint
 * those themselves) and discovered splits not yet assigned.
 */
public record LslEnumeratorState(Set<String> assignedSplitIds, List<LslStreamSplit> pending) {
    public LslEnumeratorState {
        assignedSplitIds = Set.copyOf(assignedSplitIds);
        pending = List.copyOf(pending);
    }
}
