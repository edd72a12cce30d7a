package org.neuroloop.deploy.job;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.DetectedEvent;
import org.neuroloop.dsp.record.FeatureVector;
import org.neuroloop.dsp.record.Prediction;
import org.neuroloop.dsp.record.StimulationCommand;

/**
 * The stages after the filtered chunks: window features, the classifier or detector, and the stimulation policy,
 * each a keyed operator chained on the session's stream.
 */
record DecisionStages(DataStream<FeatureVector> features, DataStream<Prediction> predictions,
                      DataStream<DetectedEvent> events, DataStream<StimulationCommand> commands) {

    static DecisionStages build(SessionConfig config, ConfigValidator validator, KeyedStream<Chunk, String> chunks) {
        PipelineSpec p = config.pipeline();
        if (p.features() != null) {
            throw new ConfigException(null, "pipeline.features", "window features are not wired into the job yet");
        }
        if (p.classifier() != null) {
            throw new ConfigException(null, "pipeline.classifier", "the MI classifier operator is not wired into the job yet");
        }
        if (p.detector() != null) {
            throw new ConfigException(null, "pipeline.detector", "the " + p.detector().type() + " detector is not wired into the job yet");
        }
        return new DecisionStages(null, null, null, null);
    }
}
