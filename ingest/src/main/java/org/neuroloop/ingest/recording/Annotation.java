package org.neuroloop.ingest.recording;

import java.util.Objects;

/**
 * A labelled event of a recording: an EDF+ TAL annotation, a BrainVision marker, a GDF event or a BDF trigger.
 *
 * @param onset seconds on the recording's time axis (the same axis as its streams' timestamps)
 * @param duration seconds, 0 when the event has no duration
 * @param label event text
 */
public record Annotation(double onset, double duration, String label) {
    public Annotation {
        Objects.requireNonNull(label, "label");
    }
}
