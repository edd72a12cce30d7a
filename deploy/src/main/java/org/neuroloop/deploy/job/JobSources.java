package org.neuroloop.deploy.job;

import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.neuroloop.closedloop.policy.SideControlStream;
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
    default List<String> channelLabels(String sessionId) {
        return null;
    }

    /**
     * Whether every session's chunks come from the source subtask whose index owns the session's key group (with
     * {@link NeuroLoopJob#maxParallelism}): then the job views the chunks as keyed without a shuffle.
     */
    default boolean partitionedBySession() {
        return false;
    }

    /** Markers (cues, control) of all sessions, or null when there are none. */
    default DataStream<Marker> markers(StreamExecutionEnvironment env) {
        return null;
    }

    /**
     * A control stream the policy reads beside the data flow (the dashboard's), or null. Unlike control markers
     * among {@link #markers}, it leaves the policy chained to the detector.
     */
    default SideControlStream sideControl() {
        return null;
    }
}
