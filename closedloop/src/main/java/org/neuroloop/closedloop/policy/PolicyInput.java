package org.neuroloop.closedloop.policy;

import java.util.Objects;
import org.neuroloop.dsp.record.DetectedEvent;
import org.neuroloop.dsp.record.Prediction;

/**
 * One decision the policy acts on, whatever produced it: a classifier {@link Prediction} (value = probability of
 * the target class) or a {@link DetectedEvent} (value = the detector's statistic; an event is a positive decision).
 *
 * @param sessionId session key
 * @param cause what produced the decision, e.g. "spindle", "threshold", "mi:class1"
 * @param timestamp LSL timestamp of the sample that caused the decision, seconds
 * @param value statistic compared with the policy thresholds (predictions) or reported (events)
 * @param threshold the producer's own threshold, reported in the command (NaN if none)
 * @param event true for detected events (always positive), false for graded predictions
 * @param targetTime when the stimulus should land (phase targeting); NaN for "now"
 * @param flags chunk flags seen while deciding ({@link org.neuroloop.dsp.record.ChunkFlags})
 */
public record PolicyInput(
        String sessionId,
        String cause,
        double timestamp,
        double value,
        double threshold,
        boolean event,
        double targetTime,
        int flags) {

    public PolicyInput {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(cause, "cause");
    }

    /** A detected event; its {@code firedAt} is the causing sample, its {@code targetTime} the phase target. */
    public static PolicyInput of(DetectedEvent e) {
        return new PolicyInput(
                e.sessionId(), e.kind(), e.firedAt(), e.value(), e.threshold(), true, e.targetTime(), e.flags());
    }

    /**
     * A classifier decision, valued by the probability of {@code targetClass}.
     *
     * @throws IllegalArgumentException if {@code targetClass} is not an index into the prediction's probabilities
     */
    public static PolicyInput of(Prediction p, int targetClass) {
        if (targetClass < 0 || targetClass >= p.probabilities().length) {
            throw new IllegalArgumentException("prediction of session " + p.sessionId() + ": target class "
                    + targetClass + " outside 0.." + (p.probabilities().length - 1));
        }
        return new PolicyInput(
                p.sessionId(),
                "classifier:class" + targetClass,
                p.timestamp(),
                p.probabilities()[targetClass],
                Double.NaN,
                false,
                Double.NaN,
                p.flags());
    }
}
