package org.neuroloop.dsp.record;

import java.util.Objects;

/**
 * An event found in the signal (sleep spindle, slow-oscillation up-state, threshold crossing).
 *
 * @param sessionId session key
 * @param kind detector name, e.g. "spindle", "so-upstate", "threshold"
 * @param firedAt LSL timestamp of the sample at which the detector decided (the causing sample)
 * @param onset estimated onset, seconds (LSL clock)
 * @param offset estimated offset, seconds; NaN while the event is still running
 * @param peak time of the peak, seconds; NaN if unknown
 * @param value detector statistic at the decision (amplitude, score)
 * @param threshold threshold the statistic crossed
 * @param frequency dominant frequency in Hz; NaN if unknown
 * @param targetTime for phase-targeted events, when the stimulus should land; NaN for "now"
 * @param flags chunk flags seen while deciding ({@link ChunkFlags})
 */
public record DetectedEvent(
        String sessionId,
        String kind,
        double firedAt,
        double onset,
        double offset,
        double peak,
        double value,
        double threshold,
        double frequency,
        double targetTime,
        int flags) {
    public DetectedEvent {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(kind, "kind");
    }
}
