package org.neuroloop.ingest.flink;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One recording file replayed as one session: where it is and how far it has been emitted.
 *
 * @param ordinal index of the file in the source's list (spreads files over readers)
 * @param path the recording file
 * @param sessionId session key of the emitted records
 * @param positions the replay schedule's positions ({@code ReplaySchedule#positions()}); empty = from the start
 */
public record RecordingSplit(int ordinal, String path, String sessionId, long[] positions)
        implements OrdinalSplit, Serializable {

    public RecordingSplit {
        positions = positions == null ? new long[0] : positions.clone();
    }

    @Override
    public String splitId() {
        return sessionId;
    }

    RecordingSplit at(long[] newPositions) {
        return new RecordingSplit(ordinal, path, sessionId, newPositions);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordingSplit s
                && s.ordinal == ordinal
                && s.path.equals(path)
                && s.sessionId.equals(sessionId)
                && Arrays.equals(s.positions, positions);
    }

    @Override
    public int hashCode() {
        return 31 * path.hashCode() + sessionId.hashCode();
    }

    @Override
    public String toString() {
        return "RecordingSplit[" + sessionId + " " + path + " at " + Arrays.toString(positions) + "]";
    }
}
