package org.neuroloop.ingest.flink;

import java.io.Serializable;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

/**
 * Which reader a split of a fixed list (a recording, a synthetic session) goes to: {@link #roundRobin()}, or
 * {@link #byKeyGroup} the reader whose index owns the key group of the split's session id. With the latter the
 * source's output is already partitioned as a {@code keyBy(sessionId)} with that max parallelism would partition it,
 * so the job can view it as keyed and chain the keyed operators to the source: no serialisation, no network buffer
 * and no copy of a chunk between source and sink. The split id is the session id (as for {@link SyntheticSplit} and
 * {@link RecordingSplit}).
 *
 * @param maxParallelism the keyed operators' max parallelism (number of key groups), 0 for round robin
 */
public record SplitPlacement(int maxParallelism) implements Serializable {

    public SplitPlacement {
        if (maxParallelism < 0) {
            throw new IllegalArgumentException("max parallelism must be >= 0, got " + maxParallelism);
        }
    }

    /** Split {@code ordinal mod parallelism}: spreads the list evenly, unrelated to keys. */
    public static SplitPlacement roundRobin() {
        return new SplitPlacement(0);
    }

    /** The reader owning the split's key group among {@code maxParallelism} key groups. */
    public static SplitPlacement byKeyGroup(int maxParallelism) {
        if (maxParallelism < 1) {
            throw new IllegalArgumentException("max parallelism must be >= 1, got " + maxParallelism);
        }
        return new SplitPlacement(maxParallelism);
    }

    /** Whether readers hold exactly the sessions a keyed operator of the same index would. */
    public boolean alignedWithKeys() {
        return maxParallelism > 0;
    }

    /** The reader of {@code split} among {@code parallelism} readers. */
    public int reader(OrdinalSplit split, int parallelism) {
        if (!alignedWithKeys()) {
            return split.ordinal() % parallelism;
        }
        return KeyGroupRangeAssignment.assignKeyToParallelOperator(split.splitId(), maxParallelism, parallelism);
    }
}
