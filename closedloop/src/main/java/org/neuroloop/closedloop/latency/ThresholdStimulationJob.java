package org.neuroloop.closedloop.latency;

import java.util.Objects;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.neuroloop.closedloop.policy.PolicyInput;
import org.neuroloop.closedloop.policy.StimulationPolicy;
import org.neuroloop.closedloop.policy.flink.StimulationPolicyProcessFunction;
import org.neuroloop.closedloop.trigger.AmplitudeThresholdTrigger;
import org.neuroloop.closedloop.trigger.flink.AmplitudeThresholdFunction;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.StimulationCommand;

/**
 * The threshold closed loop as a job fragment: chunks (already one session per source split) → rectified-amplitude
 * trigger → policy → stimulation sink, all one-input and forward-connected so Flink chains them into the source's
 * task (no serialization or network hop between them). The streams are re-interpreted as keyed instead of
 * {@code keyBy}: the source already delivers each session on one subtask, and a {@code keyBy} would cut the chain.
 */
public final class ThresholdStimulationJob {
    private final AmplitudeThresholdTrigger trigger;
    private final StimulationPolicy policy;

    public ThresholdStimulationJob(AmplitudeThresholdTrigger trigger, StimulationPolicy policy) {
        this.trigger = Objects.requireNonNull(trigger, "trigger");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Wires trigger and policy after {@code chunks} and sends the commands to {@code sink}. */
    public DataStream<StimulationCommand> attach(DataStream<Chunk> chunks, Sink<StimulationCommand> sink) {
        DataStream<PolicyInput> decisions = DataStreamUtils.reinterpretAsKeyedStream(chunks, Chunk::sessionId, Types.STRING)
                .process(new AmplitudeThresholdFunction(trigger)).name("threshold-trigger");
        DataStream<StimulationCommand> commands = DataStreamUtils
                .reinterpretAsKeyedStream(decisions, PolicyInput::sessionId, Types.STRING)
                .process(new StimulationPolicyProcessFunction(policy)).name("stimulation-policy");
        commands.sinkTo(sink).name("stimulation-output");
        return commands;
    }
}
