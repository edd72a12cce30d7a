package org.neuroloop.deploy.job;

import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.neuroloop.classifiers.mi.flink.MotorImageryDecoderFunction;
import org.neuroloop.closedloop.policy.PolicyInput;
import org.neuroloop.closedloop.policy.StimulationPolicy;
import org.neuroloop.closedloop.policy.flink.ControlRouting;
import org.neuroloop.closedloop.policy.flink.StimulationPolicyFunction;
import org.neuroloop.dsp.covariance.CovarianceEstimator;
import org.neuroloop.dsp.flink.BandPowerFunction;
import org.neuroloop.dsp.flink.TangentSpaceFunction;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.DetectedEvent;
import org.neuroloop.dsp.record.FeatureVector;
import org.neuroloop.dsp.record.Marker;
import org.neuroloop.dsp.record.Prediction;
import org.neuroloop.dsp.record.StimulationCommand;

/**
 * The stages after the filtered chunks: window features, the classifier or detector, and the stimulation policy,
 * each a keyed operator chained on the session's stream (re-interpreted as keyed, never re-partitioned).
 */
record DecisionStages(DataStream<FeatureVector> features, DataStream<Prediction> predictions,
                      DataStream<DetectedEvent> events, DataStream<StimulationCommand> commands) {

    /** Event kinds that are decisions to act on (the others are reports: ended spindles, half-waves). */
    static final java.util.Set<String> TRIGGERS = java.util.Set.of("spindle-onset", "so-upstate");

    static DecisionStages build(SessionConfig config, ConfigValidator validator, KeyedStream<Chunk, String> chunks,
                                DataStream<Marker> markers, boolean replay, JobSources sources) {
        PipelineSpec p = config.pipeline();
        DataStream<FeatureVector> features = features(p, chunks);
        DataStream<Prediction> predictions = null;
        DataStream<DetectedEvent> events = null;
        if (p.classifier() != null) {
            var model = validator.miModel(p.classifier().model());
            double step = p.classifier().stepSeconds() == null ? 0.1 : p.classifier().stepSeconds();
            predictions = chunks.process(new MotorImageryDecoderFunction(model, step)).uid("classifier")
                    .name("mi decoder " + model.spec().describe())
                    .map(new SessionCount<>("predictions", Prediction::sessionId)).returns(TypeInformation.of(Prediction.class))
                    .name("count predictions");
        }
        if (p.detector() != null) {
            int channel = detectorChannel(config, sources);
            var d = p.detector();
            boolean spindles = d.type().equals("spindles");
            var detected = chunks.process(new SleepDetectorFunction(spindles, channel, d.targetPhaseDeg() == null ? 0 : d.targetPhaseDeg()))
                    .uid("detector").name(spindles ? "spindle detector" : "slow-oscillation targeter");
            events = detected.map(new SessionCount<>("detections", DetectedEvent::sessionId))
                    .returns(TypeInformation.of(DetectedEvent.class)).name("count detections");
        }
        DataStream<StimulationCommand> commands = null;
        if (p.policy() != null) {
            int target = targetClass(p);
            DataStream<PolicyInput> decisions = predictions != null
                    ? predictions.map(pr -> PolicyInput.of(pr, target)).returns(TypeInformation.of(PolicyInput.class))
                    : events.filter(e -> TRIGGERS.contains(e.kind())).map(PolicyInput::of).returns(TypeInformation.of(PolicyInput.class));
            KeyedStream<PolicyInput, String> keyedDecisions =
                    DataStreamUtils.reinterpretAsKeyedStream(decisions, PolicyInput::sessionId);
            StimulationPolicy policy = new StimulationPolicy(validator.policyConfig(p.policy()));
            if (replay) {
                commands = keyedDecisions.process(new EventTimePolicyFunction(policy)).uid("policy").name("stimulation policy (event time)");
            } else {
                // "stop" on a session's own marker stream, or "stop@<session>" from any session's marker stream
                DataStream<Marker> control = markers != null
                        ? markers.flatMap(new ControlRouting()).returns(TypeInformation.of(Marker.class)).name("route control markers")
                        : noMarkers(chunks.getExecutionEnvironment());
                commands = keyedDecisions.connect(control.keyBy(Marker::sessionId))
                        .process(new StimulationPolicyFunction(policy)).uid("policy").name("stimulation policy");
            }
            commands = commands.map(new SessionCount<>("stimulations", StimulationCommand::sessionId))
                    .returns(TypeInformation.of(StimulationCommand.class)).name("count stimulations");
            if (!replay) {
                // in replay the causing sample's time is the file's clock, so a latency would mean nothing
                commands = commands.map(new SessionLatency()).name("latency histogram");
            }
        }
        return new DecisionStages(features, predictions, events, commands);
    }

    /**
     * Index of the detector's channel: a label resolved against every session whose labels are known before start
     * (all must agree), or a 0-based index.
     */
    static int detectorChannel(SessionConfig config, JobSources sources) {
        String want = config.pipeline().detector().channel();
        if (want == null) {
            return 0;
        }
        if (want.matches("\\d+")) {
            return Integer.parseInt(want);
        }
        Integer index = null;
        for (SessionSpec s : config.sessions()) {
            List<String> labels = sources.channelLabels(s.id());
            if (labels == null) {
                throw new ConfigException(null, "pipeline.detector.channel", "'" + want + "': the channels of session " + s.id()
                        + " are known only once its LSL stream is resolved; give the channel's 0-based index instead");
            }
            int i = new org.neuroloop.dsp.record.StreamMeta(s.id(), "", "", "", labels, java.util.Collections.nCopies(labels.size(), ""), 0).indexOf(want);
            if (i < 0) {
                throw new ConfigException(null, "pipeline.detector.channel", "'" + want + "' is not a channel of session " + s.id() + " " + labels);
            }
            if (index != null && index != i) {
                throw new ConfigException(null, "pipeline.detector.channel", "'" + want + "' is channel " + index
                        + " in one session and " + i + " in session " + s.id() + "; one job needs the same montage");
            }
            index = i;
        }
        return index == null ? 0 : index;
    }

    static int targetClass(PipelineSpec p) {
        return p.classifier() == null || p.classifier().targetClass() == null ? 1 : p.classifier().targetClass();
    }

    private static DataStream<FeatureVector> features(PipelineSpec p, KeyedStream<Chunk, String> chunks) {
        if (p.features() == null) {
            return null;
        }
        DataStream<FeatureVector> out = null;
        var bp = p.features().bandpower();
        if (bp != null) {
            double[][] bands = bp.bands().values().stream().map(e -> new double[] {e.get(0), e.get(1)}).toArray(double[][]::new);
            double window = bp.windowSeconds();
            double step = bp.stepSeconds() == null ? window / 4 : bp.stepSeconds();
            out = chunks.process(new BandPowerFunction(window, step, Math.min(1.0, window), bands,
                    Boolean.TRUE.equals(bp.relative()))).uid("bandpower").name("band power " + bp.bands().keySet());
        }
        var cov = p.features().covariance();
        if (cov != null) {
            double window = cov.windowSeconds();
            double step = cov.stepSeconds() == null ? Math.min(0.1, window) : cov.stepSeconds();
            DataStream<FeatureVector> ts = chunks.process(new TangentSpaceFunction(window, step,
                    CovarianceEstimator.parse(cov.estimator() == null ? "oas" : cov.estimator()), true))
                    .uid("tangent").name("covariance + tangent space");
            out = out == null ? ts : out.union(ts);
        }
        return out;
    }

    /** A control stream for jobs without marker sources (the policy's second input must exist). */
    private static DataStream<Marker> noMarkers(StreamExecutionEnvironment env) {
        // one marker whose label is no control action (the policy ignores it); a Flink collection source cannot be empty
        return env.fromData(List.of(new Marker("", 0, "no-control", 0)), TypeInformation.of(Marker.class)).name("no control markers");
    }

}
