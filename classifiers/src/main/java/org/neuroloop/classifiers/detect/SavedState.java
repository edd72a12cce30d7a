package org.neuroloop.classifiers.detect;

/**
 * A causal detector whose whole state is a fixed-length {@code double[]}, so a keyed operator can keep one working
 * instance and swap each session's state in and out ({@link
 * org.neuroloop.classifiers.detect.flink.KeyedDetectorState}).
 */
public interface SavedState {

    /** Length of the state array; fixed for the detector's parameters and sampling rate. */
    int stateSize();

    /** Writes the complete state into {@code into} (length {@link #stateSize()}); allocates nothing. */
    void saveState(double[] into);

    /** Restores a state written by {@link #saveState(double[])} of a detector with the same parameters and rate. */
    void loadState(double[] from);

    /**
     * Makes {@code state} the working state, as {@link #loadState(double[])} does, except that the detector may
     * keep working on parts of the array in place (no copy in), and a {@link #saveState(double[])} into the same
     * array then copies only the rest. Nothing else may use the array until the next load or attach. By default the
     * same as {@link #loadState(double[])}.
     */
    default void attachState(double[] state) {
        loadState(state);
    }

    /** The state in a new array. */
    default double[] saveState() {
        double[] a = new double[stateSize()];
        saveState(a);
        return a;
    }
}
