package org.neuroloop.closedloop.trigger.flink;

import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.neuroloop.closedloop.policy.PolicyInput;
import org.neuroloop.closedloop.trigger.AmplitudeThresholdTrigger;
import org.neuroloop.dsp.record.Chunk;

/** Keyed by session: {@link AmplitudeThresholdTrigger} over chunks, its re-arm state in {@code ValueState}. */
public final class AmplitudeThresholdFunction extends KeyedProcessFunction<String, Chunk, PolicyInput> {
    private static final long serialVersionUID = 1L;

    private final AmplitudeThresholdTrigger trigger;
    private transient ValueState<Boolean> above;

    public AmplitudeThresholdFunction(AmplitudeThresholdTrigger trigger) {
        this.trigger = Objects.requireNonNull(trigger, "trigger");
    }

    @Override
    public void open(OpenContext ctx) {
        above = getRuntimeContext().getState(new ValueStateDescriptor<>("threshold-above", Types.BOOLEAN));
    }

    @Override
    public void processElement(Chunk chunk, Context ctx, Collector<PolicyInput> out) throws Exception {
        Boolean was = above.value();
        boolean now = trigger.detect(chunk, was != null && was, e -> out.collect(PolicyInput.of(e)));
        if (was == null || was != now) {
            above.update(now);
        }
    }
}
