package org.neuroloop.classifiers.mi;

/**
 * Decodes one window at a time, as the streaming operator does. Pipelines with re-centering keep a running
 * reference that each window updates before it is classified; its state can be saved and restored (Flink keyed
 * state) with {@link #state()} / {@link #restore(double[])}.
 */
public interface OnlineDecoder {

    /** Class probabilities of one band-passed window {@code [channel][time]}. */
    double[] decide(double[][] window);

    /** Adaptive state (empty when the decoder has none). */
    default double[] state() {
        return new double[0];
    }

    default void restore(double[] state) {}
}
