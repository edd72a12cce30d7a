package org.neuroloop.closedloop.policy.flink;

import java.util.Optional;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.SimpleTimerService;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.TimestampedCollector;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.neuroloop.closedloop.policy.DecisionClock;
import org.neuroloop.closedloop.policy.PolicyInput;
import org.neuroloop.closedloop.policy.PolicyState;
import org.neuroloop.closedloop.policy.SideControlStream;
import org.neuroloop.closedloop.policy.StimulationPolicy;
import org.neuroloop.dsp.record.Marker;
import org.neuroloop.dsp.record.StimulationCommand;
import org.neuroloop.lsl4j.thread.RealtimeThreads;

/**
 * The stimulation policy as a keyed Flink operator (keyed by session): decisions in, stimulation commands out. The
 * {@link PolicyState} lives in keyed state, so refractory, rate and budget accounting survive checkpoints.
 *
 * <p>Its two options are the {@link DecisionClock} and the control input. Wired with one input
 * ({@code keyed.transform(...)}) it chains with the detector before it and the sink after it, and arming comes from
 * the policy's {@code armedAtStart}. Wired with a second input of control markers
 * ({@code connect(...).transform(...)}: "arm", "disarm", "stop", "reset", see
 * {@link org.neuroloop.closedloop.policy.ControlMarkers}) it arms, disarms and stops sessions at run time; a
 * two-input operator cannot chain, which costs one hand-over between threads on the decision path. A
 * {@link SideControlStream} gives the same control without that hand-over: the operator polls it before each input
 * and every {@value #SIDE_CONTROL_POLL_MS} ms, never waiting, and applies what it finds to the sessions it owns. On the
 * {@link DecisionClock#LSL LSL clock} phase-targeted commands wait in keyed state for a processing-time timer and
 * pass {@link StimulationPolicy#checkDelivery} again when it fires; a control action other than "arm", and any
 * bad-data input, cancels them. Counters {@code policy_<VERDICT>} count the verdicts.
 */
public final class StimulationPolicyOperator extends AbstractStreamOperator<StimulationCommand>
        implements OneInputStreamOperator<PolicyInput, StimulationCommand>,
                TwoInputStreamOperator<PolicyInput, Marker, StimulationCommand>,
                Triggerable<String, VoidNamespace> {
    private static final long serialVersionUID = 1L;
    static final long SIDE_CONTROL_POLL_MS = 20;

    private final PolicyOperatorCore core;
    private final SideControlStream sideControl;
    private transient TimestampedCollector<StimulationCommand> out;
    private transient TimerService timers;
    private transient SideControlStream.Reader control;

    /**
     * @param clock which clock "now" is
     * @param lslClock the LSL clock (tests pass their own)
     */
    public StimulationPolicyOperator(StimulationPolicy policy, DecisionClock clock, LslTimeSource lslClock) {
        this(policy, clock, lslClock, null);
    }

    public StimulationPolicyOperator(StimulationPolicy policy, DecisionClock clock) {
        this(policy, clock, LslTimeSource.system());
    }

    /** @param sideControl a control stream read beside the inputs, or null */
    public StimulationPolicyOperator(
            StimulationPolicy policy, DecisionClock clock, LslTimeSource lslClock, SideControlStream sideControl) {
        this.core = new PolicyOperatorCore(policy, clock, lslClock);
        this.sideControl = sideControl;
    }

    @Override
    public void open() throws Exception {
        super.open();
        RealtimeThreads.raiseCurrentThread();
        InternalTimerService<VoidNamespace> internal =
                getInternalTimerService("policy-timers", VoidNamespaceSerializer.INSTANCE, this);
        timers = new SimpleTimerService(internal);
        out = new TimestampedCollector<>(output);
        core.open(getRuntimeContext());
        if (sideControl != null) {
            control = sideControl.open();
            getProcessingTimeService()
                    .scheduleWithFixedDelay(t -> pollSideControl(), SIDE_CONTROL_POLL_MS, SIDE_CONTROL_POLL_MS);
        }
    }

    @Override
    public void processElement(StreamRecord<PolicyInput> element) throws Exception {
        if (control != null) {
            pollSideControl();
        }
        out.setTimestamp(element);
        core.onInput(currentSession(), element.getValue(), timers, out);
    }

    /** Applies the side control markers that have arrived to the sessions of this subtask; restores the key. */
    private void pollSideControl() throws Exception {
        Object key = getCurrentKey();
        boolean changed = false;
        for (Optional<Marker> m = control.poll(); m.isPresent(); m = control.poll()) {
            String session = m.get().sessionId();
            TaskInfo task = getRuntimeContext().getTaskInfo();
            int owner = KeyGroupRangeAssignment.assignKeyToParallelOperator(
                    session, task.getMaxNumberOfParallelSubtasks(), task.getNumberOfParallelSubtasks());
            if (owner == task.getIndexOfThisSubtask()) {
                setCurrentKey(session);
                changed = true;
                core.onControl(session, m.get());
            }
        }
        if (changed && key != null) {
            setCurrentKey(key);
        }
    }

    @Override
    public void close() throws Exception {
        if (control != null) {
            control.close();
        }
        super.close();
    }

    @Override
    public void processElement1(StreamRecord<PolicyInput> element) throws Exception {
        processElement(element);
    }

    @Override
    public void processElement2(StreamRecord<Marker> element) throws Exception {
        core.onControl(currentSession(), element.getValue());
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        out.eraseTimestamp();
        core.onTimer(timer.getKey(), out);
    }

    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) {
        // the policy registers processing-time timers only
    }

    private String currentSession() {
        return (String) getCurrentKey();
    }
}
