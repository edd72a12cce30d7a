package org.neuroloop.classifiers.sleep;

/**
 * A streaming detector whose whole state is one {@code double[]}, so a Flink operator can keep it in keyed state
 * and run one instance for every session: load the session's state, step, save.
 */
public interface SavedState {
    /** The full state; a detector with the same parameters and rate continues exactly after {@link #loadState}. */
    double[] saveState();

    /** Restores a state from {@link #saveState()} of a detector with the same parameters and rate. */
    void loadState(double[] state);
}
