package org.neuroloop.closedloop.policy.flink;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.neuroloop.closedloop.policy.PolicyInput;
import org.neuroloop.closedloop.policy.PolicyState;
import org.neuroloop.closedloop.policy.StimulationPolicy;
import org.neuroloop.dsp.record.Marker;
import org.neuroloop.dsp.record.StimulationCommand;

/**
 * Keyed by session: decisions on the first input, control markers ("arm", "disarm", "stop", "reset") on the second,
 * stimulation commands out. The {@link PolicyState} lives in {@code ValueState}, so refractory, rate and budget
 * accounting survive checkpoints and restarts. Immediate commands go out at once; phase-targeted ones wait in
 * {@code MapState} for a processing-time timer at their target time and pass {@link StimulationPolicy#checkDelivery}
 * again when it fires. A control action other than "arm", and any bad-data input, cancels pending commands before
 * the next command can go out. Counters {@code policy_<VERDICT>} count the verdicts.
 *
 * <p>A two-input operator does not chain with its upstream; where the control comes from configuration alone and
 * every microsecond counts, use {@link StimulationPolicyProcessFunction}.
 */
public final class StimulationPolicyFunction extends KeyedCoProcessFunction<String, PolicyInput, Marker, StimulationCommand> {
    private static final long serialVersionUID = 1L;

    private final PolicyOperatorCore core;

    public StimulationPolicyFunction(StimulationPolicy policy, LslTimeSource clock) {
        this.core = new PolicyOperatorCore(policy, clock);
    }

    public StimulationPolicyFunction(StimulationPolicy policy) {
        this(policy, LslTimeSource.system());
    }

    @Override
    public void open(OpenContext ctx) {
        core.open(getRuntimeContext());
    }

    @Override
    public void processElement1(PolicyInput in, Context ctx, Collector<StimulationCommand> out) throws Exception {
        core.onInput(ctx.getCurrentKey(), in, ctx.timerService(), out);
    }

    @Override
    public void processElement2(Marker marker, Context ctx, Collector<StimulationCommand> out) throws Exception {
        core.onControl(ctx.getCurrentKey(), marker);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<StimulationCommand> out) throws Exception {
        core.onTimer(ctx.getCurrentKey(), out);
    }
}
