package org.neuroloop.closedloop.policy.flink;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.neuroloop.closedloop.policy.PolicyInput;
import org.neuroloop.closedloop.policy.StimulationPolicy;
import org.neuroloop.dsp.record.StimulationCommand;

/**
 * The one-input form of {@link StimulationPolicyFunction}: the same state, timers and interlocks, with arming taken
 * from the policy configuration ({@code armedAtStart}) instead of a control stream. Being one-input, it chains with
 * the detector before it and the sink after it, which is what the latency benchmark runs.
 */
public final class StimulationPolicyProcessFunction extends KeyedProcessFunction<String, PolicyInput, StimulationCommand> {
    private static final long serialVersionUID = 1L;

    private final PolicyOperatorCore core;

    public StimulationPolicyProcessFunction(StimulationPolicy policy, LslTimeSource clock) {
        this.core = new PolicyOperatorCore(policy, clock);
    }

    public StimulationPolicyProcessFunction(StimulationPolicy policy) {
        this(policy, LslTimeSource.system());
    }

    @Override
    public void open(OpenContext ctx) {
        core.open(getRuntimeContext());
    }

    @Override
    public void processElement(PolicyInput in, Context ctx, Collector<StimulationCommand> out) throws Exception {
        core.onInput(ctx.getCurrentKey(), in, ctx.timerService(), out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<StimulationCommand> out) throws Exception {
        core.onTimer(ctx.getCurrentKey(), out);
    }
}
