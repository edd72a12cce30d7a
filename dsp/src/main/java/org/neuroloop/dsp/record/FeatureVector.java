package org.neuroloop.dsp.record;

import java.util.Objects;

/**
 * Features computed on one window (band powers, tangent-space vector, flattened covariance, phase).
 *
 * @param sessionId session key
 * @param kind what the values are, e.g. "bandpower", "tangent", "covariance"
 * @param timestamp LSL timestamp of the newest sample in the window
 * @param values feature values
 * @param flags union of the window's chunk flags
 */
public record FeatureVector(String sessionId, String kind, double timestamp, double[] values, int flags) {
    public FeatureVector {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(values, "values");
    }
}
