package org.neuroloop.ingest.flink;

import java.io.Serializable;
import org.neuroloop.ingest.synthetic.SyntheticEegConfig;

/**
 * One synthetic session as a source split: its config (with a resolved start time) and how far it has been
 * emitted. Because the generator is deterministic, the position alone restores it exactly.
 *
 * @param ordinal index of the session in the source's list (used to spread sessions over readers)
 * @param config the session (start time resolved, never NaN)
 * @param position samples emitted (chunk source) or markers emitted (marker source)
 */
public record SyntheticSplit(int ordinal, SyntheticEegConfig config, long position)
        implements OrdinalSplit, Serializable {

    public SyntheticSplit {
        if (Double.isNaN(config.startTime())) {
            throw new IllegalArgumentException(
                    "synthetic split " + config.sessionId() + ": start time must be resolved");
        }
        if (position < 0) {
            throw new IllegalArgumentException(
                    "synthetic split " + config.sessionId() + ": position must be >= 0, got " + position);
        }
    }

    @Override
    public String splitId() {
        return config.sessionId();
    }

    SyntheticSplit at(long newPosition) {
        return new SyntheticSplit(ordinal, config, newPosition);
    }
}
