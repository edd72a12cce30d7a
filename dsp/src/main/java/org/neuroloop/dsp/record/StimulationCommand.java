package org.neuroloop.dsp.record;

import java.util.Objects;

/**
 * A decision to stimulate, with everything needed to audit it.
 *
 * @param id unique, deterministic id (session and decision sequence), so outputs can drop duplicates after a restart
 * @param sessionId session key
 * @param action what to deliver, e.g. "pulse", "audio", "feedback:left"
 * @param cause detector or classifier that caused it
 * @param value the statistic that crossed
 * @param threshold the threshold it crossed
 * @param causeTimestamp LSL timestamp of the sample that caused the command
 * @param scheduledTime LSL time at which to deliver (== causeTimestamp-derived "now" for immediate commands)
 * @param sham true when the policy only logs what it would do
 */
public record StimulationCommand(
        String id,
        String sessionId,
        String action,
        String cause,
        double value,
        double threshold,
        double causeTimestamp,
        double scheduledTime,
        boolean sham) {
    public StimulationCommand {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(cause, "cause");
    }
}
