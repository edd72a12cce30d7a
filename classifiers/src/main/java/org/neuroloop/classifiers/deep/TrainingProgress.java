package org.neuroloop.classifiers.deep;

/**
 * Receives the progress of network training, so long runs show it: one line per epoch (loss, elapsed time) and a
 * count of the epochs done ({@link #epochDone}, for a bar with rate and ETA).
 */
@FunctionalInterface
public interface TrainingProgress {

    TrainingProgress SILENT = line -> {};

    void report(String line);

    /** Epoch {@code epoch} (1-based) of {@code epochs} of one training run is done; after its {@link #report}. */
    default void epochDone(int epoch, int epochs) {}
}
