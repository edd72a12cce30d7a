package org.neuroloop.bench.cli;

import picocli.CommandLine.Option;

/**
 * The shape of the synthetic sessions and of the MiniCluster that runs them, shared by the commands that load one
 * embedded cluster with many real-time sessions ({@code bench scale}, {@code bench soak}).
 */
final class SessionOptions {

    @Option(
            names = "--channels",
            defaultValue = "64",
            description = "EEG channels per session. Default: ${DEFAULT-VALUE}.")
    int channels;

    @Option(names = "--rate", defaultValue = "500", description = "Sampling rate, Hz. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(
            names = "--chunk-samples",
            defaultValue = "5",
            description = "Samples per chunk (10 ms at 500 Hz). Default: ${DEFAULT-VALUE}.")
    int chunkSamples;

    @Option(names = "--parallelism", description = "Job parallelism / MiniCluster slots. Default: the number of cores.")
    Integer parallelism;

    /** The parallelism asked for, or the number of cores. */
    int parallelismOrCores() {
        return parallelism == null ? Runtime.getRuntime().availableProcessors() : parallelism;
    }
}
