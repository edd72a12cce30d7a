package org.neuroloop.bench.latency;

import java.util.Objects;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.neuroloop.classifiers.sleep.SpindleParameters;
import org.neuroloop.closedloop.policy.PolicyInput;
import org.neuroloop.closedloop.policy.StimulationPolicy;
import org.neuroloop.closedloop.policy.flink.ControlRouting;
import org.neuroloop.closedloop.policy.flink.StimulationPolicyFunction;
import org.neuroloop.closedloop.policy.flink.StimulationPolicyProcessFunction;
import org.neuroloop.closedloop.trigger.AmplitudeThresholdTrigger;
import org.neuroloop.closedloop.trigger.flink.AmplitudeThresholdFunction;
import org.neuroloop.closedloop.trigger.flink.SpindleOnsetFunction;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.Marker;
import org.neuroloop.dsp.record.StimulationCommand;

/**
 * A closed loop as a job fragment: chunks (one session per source split) → a decision stage → policy → stimulation
 * sink, all one-input and forward-connected so Flink chains them into the source's task (no serialization or
 * network hop). Streams are re-interpreted as keyed instead of {@code keyBy}: the source already delivers each
 * session on one subtask, and a {@code keyBy} would cut the chain.
 */
public final class ClosedLoopJob {

    /** Turns chunks into policy inputs (a detector, or a decoder with its adapter). */
    @FunctionalInterface
    public interface DecisionStage {
        DataStream<PolicyInput> decide(DataStream<Chunk> chunks);
    }

    /** Rectified amplitude of one channel crossing a threshold. */
    public static DecisionStage threshold(AmplitudeThresholdTrigger trigger) {
        return chunks -> keyed(chunks).process(new AmplitudeThresholdFunction(trigger)).name("threshold-trigger");
    }

    /** h6's causal spindle detector on one channel; each fire (the moment a spindle is decided) is a decision. */
    public static DecisionStage spindles(int channel, double rate, SpindleParameters parameters) {
        return chunks -> keyed(chunks).process(new SpindleOnsetFunction(channel, rate, parameters)).name("spindle-trigger");
    }

    private static KeyedStream<Chunk, String> keyed(DataStream<Chunk> chunks) {
        return DataStreamUtils.reinterpretAsKeyedStream(chunks, Chunk::sessionId, Types.STRING);
    }

    private final DecisionStage decisions;
    private final StimulationPolicy policy;

    public ClosedLoopJob(DecisionStage decisions, StimulationPolicy policy) {
        this.decisions = Objects.requireNonNull(decisions, "decisions");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * Like {@link #attach} with a control input: {@code control} markers ({@link org.neuroloop.closedloop.policy.ControlMarkers} labels, e.g. from
     * an LSL marker stream) are routed to their session and arm, disarm, stop or reset it. The two-input policy
     * operator is keyed by session on both inputs; this costs one network hop (no chaining) on the decision path.
     */
    public DataStream<StimulationCommand> attachWithControl(DataStream<Chunk> chunks, DataStream<Marker> control,
                                                            Sink<StimulationCommand> sink) {
        DataStream<Marker> routed = control.flatMap(new ControlRouting()).name("route-control");
        DataStream<StimulationCommand> commands = decisions.decide(chunks).keyBy(PolicyInput::sessionId)
                .connect(routed.keyBy(Marker::sessionId))
                .process(new StimulationPolicyFunction(policy)).name("stimulation-policy");
        commands.sinkTo(sink).name("stimulation-output");
        return commands;
    }

    /** Wires decisions and policy after {@code chunks} and sends the commands to {@code sink}. */
    public DataStream<StimulationCommand> attach(DataStream<Chunk> chunks, Sink<StimulationCommand> sink) {
        DataStream<StimulationCommand> commands = DataStreamUtils
                .reinterpretAsKeyedStream(decisions.decide(chunks), PolicyInput::sessionId, Types.STRING)
                .process(new StimulationPolicyProcessFunction(policy)).name("stimulation-policy");
        commands.sinkTo(sink).name("stimulation-output");
        return commands;
    }
}
