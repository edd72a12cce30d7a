package org.neuroloop.deploy.job;

import java.util.Set;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.neuroloop.classifiers.deep.simpleconv.flink.SimpleConvDecoderFunction;
import org.neuroloop.classifiers.mi.flink.MotorImageryDecoderFunction;
import org.neuroloop.closedloop.policy.DecisionClock;
import org.neuroloop.closedloop.policy.PolicyInput;
import org.neuroloop.closedloop.policy.SideControlStream;
import org.neuroloop.closedloop.policy.StimulationPolicy;
import org.neuroloop.closedloop.policy.flink.ControlRouting;
import org.neuroloop.closedloop.policy.flink.LslTimeSource;
import org.neuroloop.closedloop.policy.flink.StimulationPolicyOperator;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.deploy.config.ResolvedConfig.ClassifierKind;
import org.neuroloop.dsp.flink.BandPowerFunction;
import org.neuroloop.dsp.flink.TangentSpaceFunction;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.DetectedEvent;
import org.neuroloop.dsp.record.FeatureVector;
import org.neuroloop.dsp.record.Marker;
import org.neuroloop.dsp.record.Prediction;
import org.neuroloop.dsp.record.StimulationCommand;

/**
 * The stages after the filtered chunks: window features, the classifier or the registered detector, and the
 * stimulation policy, each a keyed operator chained on the session's stream (re-interpreted as keyed, never
 * re-partitioned). With control markers the policy takes them as its second input, which ends the chain there; a
 * {@link SideControlStream} does not.
 */
record DecisionStages(
        DataStream<FeatureVector> features,
        DataStream<Prediction> predictions,
        DataStream<DetectedEvent> events,
        DataStream<StimulationCommand> commands) {

    /**
     * @param markers control markers as the policy's second input, or null
     * @param sideControl a control stream the policy reads beside its input, or null
     */
    static DecisionStages build(
            ResolvedConfig config,
            KeyedStream<Chunk, String> chunks,
            DataStream<Marker> markers,
            SideControlStream sideControl) {
        ResolvedConfig.Pipeline p = config.pipeline();
        DataStream<FeatureVector> features = features(p, chunks);
        DataStream<Prediction> predictions = null;
        DataStream<DetectedEvent> events = null;
        Set<String> triggers = Set.of();
        if (p.classifier() != null) {
            var c = p.classifier();
            KeyedProcessFunction<String, Chunk, Prediction> decoder = c.kind() == ClassifierKind.SIMPLECONV
                    ? new SimpleConvDecoderFunction(c.network(), c.stepSeconds())
                    : new MotorImageryDecoderFunction(c.model(), c.stepSeconds());
            predictions = chunks.process(decoder)
                    .uid("classifier")
                    .name("mi decoder " + c.describe())
                    .map(new SessionCount<>("predictions", Prediction::sessionId))
                    .returns(TypeInformation.of(Prediction.class))
                    .name("count predictions");
        }
        if (p.detector() != null) {
            var d = p.detector();
            triggers = d.type().triggers();
            events = chunks.process(d.type().operator(d.channels(), d.parameters()))
                    .uid("detector")
                    .name(d.type().name() + " detector")
                    .map(new SessionCount<>("detections", DetectedEvent::sessionId))
                    .returns(TypeInformation.of(DetectedEvent.class))
                    .name("count detections");
        }
        DataStream<StimulationCommand> commands = null;
        if (p.policy() != null) {
            commands = policy(config, predictions, events, triggers, markers, sideControl);
        }
        return new DecisionStages(features, predictions, events, commands);
    }

    private static DataStream<StimulationCommand> policy(
            ResolvedConfig config,
            DataStream<Prediction> predictions,
            DataStream<DetectedEvent> events,
            Set<String> triggers,
            DataStream<Marker> markers,
            SideControlStream sideControl) {
        int target = config.pipeline().classifier() == null
                ? 0
                : config.pipeline().classifier().targetClass();
        DataStream<PolicyInput> decisions = predictions != null
                ? predictions
                        .map(pr -> PolicyInput.of(pr, target))
                        .returns(TypeInformation.of(PolicyInput.class))
                        .name("policy input")
                : events.filter(e -> triggers.contains(e.kind()))
                        .name("decisions")
                        .map(PolicyInput::of)
                        .returns(TypeInformation.of(PolicyInput.class))
                        .name("policy input");
        KeyedStream<PolicyInput, String> keyed =
                DataStreamUtils.reinterpretAsKeyedStream(decisions, PolicyInput::sessionId, Types.STRING);
        StimulationPolicyOperator operator = new StimulationPolicyOperator(
                new StimulationPolicy(config.pipeline().policy()),
                config.clock(),
                LslTimeSource.system(),
                config.clock() == DecisionClock.LSL ? sideControl : null);
        TypeInformation<StimulationCommand> type = TypeInformation.of(StimulationCommand.class);
        DataStream<StimulationCommand> commands;
        if (config.control() == ResolvedConfig.Control.MARKERS && markers != null) {
            // "stop" on a session's own marker stream, or "stop@<session>" from any session's marker stream
            DataStream<Marker> control = markers.flatMap(new ControlRouting())
                    .returns(TypeInformation.of(Marker.class))
                    .name("route control markers");
            commands = keyed.connect(control.keyBy(Marker::sessionId))
                    .transform("stimulation policy", type, operator)
                    .uid("policy");
        } else {
            commands = keyed.transform("stimulation policy", type, operator).uid("policy");
        }
        commands = commands.map(new SessionCount<>("stimulations", StimulationCommand::sessionId))
                .returns(type)
                .name("count stimulations");
        if (config.clock() == DecisionClock.LSL) {
            // on the recording's clock the causing sample's time is the file's, so a latency would mean nothing
            commands = commands.map(new SessionLatency()).returns(type).name("latency histogram");
        }
        return commands;
    }

    private static DataStream<FeatureVector> features(ResolvedConfig.Pipeline p, KeyedStream<Chunk, String> chunks) {
        DataStream<FeatureVector> out = null;
        var bp = p.bandpower();
        if (bp != null) {
            out = chunks.process(new BandPowerFunction(
                            bp.windowSeconds(), bp.stepSeconds(), bp.segmentSeconds(), bp.bands(), bp.relative()))
                    .uid("bandpower")
                    .name("band power " + bp.names());
        }
        var cov = p.covariance();
        if (cov != null) {
            DataStream<FeatureVector> ts = chunks.process(
                            new TangentSpaceFunction(cov.windowSeconds(), cov.stepSeconds(), cov.estimator(), true))
                    .uid("tangent")
                    .name("covariance + tangent space");
            out = out == null ? ts : out.union(ts);
        }
        return out;
    }
}
