package org.neuroloop.deploy.job;

/**
 * Where a {@link NeuroLoopJob} sends its results. {@code main} wires the outputs of the session config (LSL
 * markers, UDP, serial, audio, JSONL); tests and {@code replay} attach collecting sinks.
 */
@FunctionalInterface
public interface JobOutputs {

    /** Attaches sinks to any of the job's result streams. */
    void attach(SessionStreams streams);

    /** No outputs (the job's effects are only its metrics). */
    JobOutputs NONE = s -> {};
}
