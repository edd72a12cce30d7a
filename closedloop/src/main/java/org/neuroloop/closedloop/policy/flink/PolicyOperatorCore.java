package org.neuroloop.closedloop.policy.flink;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;
import org.neuroloop.closedloop.policy.ControlAction;
import org.neuroloop.closedloop.policy.DecisionClock;
import org.neuroloop.closedloop.policy.PolicyDecision;
import org.neuroloop.closedloop.policy.PolicyInput;
import org.neuroloop.closedloop.policy.PolicyState;
import org.neuroloop.closedloop.policy.StimulationPolicy;
import org.neuroloop.closedloop.policy.Verdict;
import org.neuroloop.dsp.record.Marker;
import org.neuroloop.dsp.record.StimulationCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logic of {@link StimulationPolicyOperator}: the {@link PolicyState} in {@code ValueState}, phase-targeted
 * commands
 * waiting in {@code MapState} for a processing-time timer, and one counter per {@link Verdict}
 * ({@code policy_<VERDICT>}). Always called with the session as the current key.
 */
final class PolicyOperatorCore implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PolicyOperatorCore.class);

    private final StimulationPolicy policy;
    private final DecisionClock decisionClock;
    private final LslTimeSource clock;
    private transient ValueState<PolicyState> state;
    private transient MapState<String, StimulationCommand> pending;
    private transient Map<Verdict, Counter> verdicts;

    PolicyOperatorCore(StimulationPolicy policy, DecisionClock decisionClock, LslTimeSource clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.decisionClock = Objects.requireNonNull(decisionClock, "decisionClock");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    void open(RuntimeContext rc) {
        state = rc.getState(new ValueStateDescriptor<>("policy-state", TypeInformation.of(PolicyState.class)));
        pending = rc.getMapState(new MapStateDescriptor<>(
                "pending-commands", Types.STRING, TypeInformation.of(StimulationCommand.class)));
        verdicts = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            verdicts.put(v, rc.getMetricGroup().counter("policy_" + v.name()));
        }
        policy.warmUp(WARM_UP_ROUNDS);
    }

    /** Decisions run at open so the JIT compiles the decision path (see {@link StimulationPolicy#warmUp}). */
    static final int WARM_UP_ROUNDS = 20_000;

    private PolicyState current() throws Exception {
        PolicyState s = state.value();
        return s == null ? policy.initialState() : s;
    }

    void onInput(String key, PolicyInput in, TimerService timers, Collector<StimulationCommand> out) throws Exception {
        boolean recording = decisionClock == DecisionClock.RECORDING;
        double now = recording ? in.timestamp() : clock.now();
        PolicyDecision d = policy.decide(current(), in, now);
        state.update(d.state());
        verdicts.get(d.verdict()).inc();
        if (d.verdict() == Verdict.BAD_DATA || d.verdict() == Verdict.NON_MONOTONIC_TIME) {
            cancelPending(key, d.verdict().name());
        }
        if (!d.fired()) {
            return;
        }
        StimulationCommand cmd = d.command();
        if (recording) {
            // on the recording's clock the target time is known now: check it as the timer would, emit at once
            Verdict v = policy.checkDelivery(d.state(), cmd, cmd.scheduledTime());
            if (v == Verdict.FIRED) {
                out.collect(cmd);
            } else {
                verdicts.get(v).inc();
            }
            return;
        }
        // ceil to whole milliseconds, forgiving float noise (0.4 s must be 400 ms, not 401)
        long delayMillis = (long) Math.ceil((cmd.scheduledTime() - now) * 1000.0 - 1e-6);
        if (cmd.scheduledTime() == cmd.causeTimestamp() || delayMillis <= 0) {
            out.collect(cmd);
        } else {
            pending.put(cmd.id(), cmd);
            timers.registerProcessingTimeTimer(timers.currentProcessingTime() + delayMillis);
        }
    }

    void onControl(String key, Marker marker) throws Exception {
        Optional<ControlAction> action = ControlAction.parse(marker.label());
        if (action.isEmpty()) {
            return;
        }
        state.update(policy.control(current(), action.get()));
        LOG.info("session {}: control {} at {}", key, action.get(), marker.timestamp());
        if (action.get() != ControlAction.ARM) {
            cancelPending(key, action.get().name());
        }
    }

    void onTimer(String key, Collector<StimulationCommand> out) throws Exception {
        double now = clock.now();
        PolicyState s = current();
        List<String> done = new ArrayList<>();
        for (Map.Entry<String, StimulationCommand> e : pending.entries()) {
            StimulationCommand cmd = e.getValue();
            // timers have millisecond resolution: a command is due within the millisecond it is scheduled in
            if (cmd.scheduledTime() <= now + 0.001) {
                Verdict v = policy.checkDelivery(s, cmd, now);
                if (v == Verdict.FIRED) {
                    out.collect(cmd);
                } else {
                    verdicts.get(v).inc();
                    LOG.info("session {}: scheduled command {} not delivered: {}", key, cmd.id(), v);
                }
                done.add(e.getKey());
            }
        }
        for (String id : done) {
            pending.remove(id);
        }
    }

    private void cancelPending(String key, String why) throws Exception {
        if (pending.isEmpty()) {
            return;
        }
        for (String id : pending.keys()) {
            LOG.info("session {}: pending command {} cancelled ({})", key, id, why);
        }
        pending.clear(); // their timers find nothing to deliver
    }
}
