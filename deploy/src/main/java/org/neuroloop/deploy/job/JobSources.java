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

    /**
     * Channel labels of a session's stream when they are known before the job starts (synthetic sessions,
     * recordings), else null (live LSL streams, resolved only once the job runs).
     */
    default java.util.List<String> channelLabels(String sessionId) {
        return null;
    }

    /** Markers (cues, control) of all sessions, or null when there are none. */
    default DataStream<Marker> markers(StreamExecutionEnvironment env) {
        return null;
    }
}
