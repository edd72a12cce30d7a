package org.neuroloop.deploy.job;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.neuroloop.closedloop.policy.PolicyDecision;
import org.neuroloop.closedloop.policy.PolicyInput;
import org.neuroloop.closedloop.policy.PolicyState;
import org.neuroloop.closedloop.policy.StimulationPolicy;
import org.neuroloop.dsp.record.StimulationCommand;

/**
 * The replay twin of h7's live {@code StimulationPolicyFunction}: the same {@link StimulationPolicy} with its
 * state in keyed state, but "now" is the decision's own timestamp (the recording's clock) and phase-targeted
 * commands are emitted at once carrying their scheduled time, instead of waiting for a wall-clock timer. So a
 * replay at any speed makes exactly the decisions the live job made on the same samples, and two replays give
 * identical commands. Control markers are not applied in replay (their arrival order against the data is not
 * reproducible across runs).
 */
final class EventTimePolicyFunction extends KeyedProcessFunction<String, PolicyInput, StimulationCommand> {
    private static final long serialVersionUID = 1L;

    private final StimulationPolicy policy;
    private transient ValueState<PolicyState> state;

    EventTimePolicyFunction(StimulationPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void open(OpenContext ctx) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("policy-state", TypeInformation.of(PolicyState.class)));
    }

    @Override
    public void processElement(PolicyInput in, Context ctx, Collector<StimulationCommand> out) throws Exception {
        PolicyState s = state.value();
        PolicyDecision d = policy.decide(s == null ? policy.initialState() : s, in, in.timestamp());
        state.update(d.state());
        if (d.fired() && policy.checkDelivery(d.state(), d.command(), d.command().scheduledTime()) == org.neuroloop.closedloop.policy.Verdict.FIRED) {
            out.collect(d.command());
        }
    }
}
