package org.neuroloop.deploy.job;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.Marker;

/**
 * Where a {@link NeuroLoopJob} gets its data. {@code main} wires the sources of the session config (LSL streams,
 * recordings, synthetic EEG); tests wire in-memory ones. All sessions arrive in one stream of chunks, keyed later
 * by {@link Chunk#sessionId()}.
 */
public interface JobSources {

    /** Every session's chunks, with event time and watermarks assigned. */
    DataStream<Chunk> chunks(StreamExecutionEnvironment env);

    /** Markers (cues, control) of all sessions, or null when there are none. */
    default DataStream<Marker> markers(StreamExecutionEnvironment env) {
        return null;
    }
}
