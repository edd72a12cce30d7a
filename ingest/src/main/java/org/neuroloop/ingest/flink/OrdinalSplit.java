package org.neuroloop.ingest.flink;

import org.apache.flink.api.connector.source.SourceSplit;

/** A split of a fixed, known list (a recording file, a synthetic session), numbered by its place in the list. */
public interface OrdinalSplit extends SourceSplit {
    /** Index in the source's list (see {@link SplitPlacement#roundRobin()}). */
    int ordinal();
}
