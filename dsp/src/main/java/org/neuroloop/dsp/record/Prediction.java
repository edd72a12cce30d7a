package org.neuroloop.dsp.record;

import java.util.Objects;

/**
 * A classifier decision on one window.
 *
 * @param sessionId session key
 * @param timestamp LSL timestamp of the newest sample the decision used
 * @param probabilities class probabilities, in the model's class order
 * @param predictedClass index of the most probable class
 * @param flags union of the flags of the chunks in the window ({@link ChunkFlags})
 */
public record Prediction(String sessionId, double timestamp, double[] probabilities, int predictedClass, int flags) {
    public Prediction {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(probabilities, "probabilities");
    }
}
