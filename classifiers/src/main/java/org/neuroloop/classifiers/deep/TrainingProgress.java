package org.neuroloop.classifiers.deep;

/** Receives one line per training epoch (loss, elapsed time), so long runs show progress. */
@FunctionalInterface
public interface TrainingProgress {

    TrainingProgress SILENT = line -> {};

    void report(String line);
}
