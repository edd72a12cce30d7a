package org.neuroloop.dsp.record;

import java.util.Objects;

/**
 * A string event on the LSL clock: a cue, an annotation, a control command.
 *
 * @param sessionId session key
 * @param timestamp LSL-clock time in seconds
 * @param label marker text (e.g. "T1", "arm", "stop")
 * @param duration duration in seconds (0 for instantaneous)
 */
public record Marker(String sessionId, double timestamp, String label, double duration) {
    public Marker {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(label, "label");
    }
}
