package org.neuroloop.deploy.job;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.DetectedEvent;
import org.neuroloop.dsp.record.FeatureVector;
import org.neuroloop.dsp.record.Prediction;
import org.neuroloop.dsp.record.StimulationCommand;

/**
 * The result streams of a built job, all keyed by session upstream. Streams the pipeline does not compute are
 * null (no features configured, no classifier, no detector, no policy).
 *
 * @param chunks flagged, filtered, re-referenced chunks
 * @param features window features (band power, phase, tangent-space vectors)
 * @param predictions classifier decisions
 * @param events detector events
 * @param commands stimulation commands from the policy
 */
public record SessionStreams(
        DataStream<Chunk> chunks,
        DataStream<FeatureVector> features,
        DataStream<Prediction> predictions,
        DataStream<DetectedEvent> events,
        DataStream<StimulationCommand> commands) {}
