package org.neuroloop.closedloop.policy;

import java.io.Serializable;
import java.util.Objects;
import org.neuroloop.dsp.record.ChunkFlags;
import org.neuroloop.dsp.record.StimulationCommand;

/**
 * Turns decisions (predictions, detected events) into stimulation commands under safety interlocks. Pure: the
 * state goes in and comes out as a value, time comes in as an argument, so replay and live runs decide alike and
 * the Flink operator only stores the state.
 *
 * <p>For each input, in this order: an emergency stop or a timestamp older than the previous input's
 * ({@link Verdict#NON_MONOTONIC_TIME}) or any {@link ChunkFlags#BAD} flag rejects it and resets the run of
 * positives; then the trigger (predictions: value &ge; on-threshold for {@code minConsecutive} inputs in a row,
 * fire once per crossing, re-open below the off-threshold; events: every event is a crossing); then the gates
 * (armed, budget, phase target not expired nor too far ahead or, for an immediate command, its cause not older than
 * {@code maxDecisionAgeSeconds}, refractory period, rate limit). The scheduled time
 * is the event's target time when it has one, else the causing sample's timestamp; refractory period and rate
 * limit apply to scheduled times: scheduled times of issued commands are non-decreasing, spaced by at least the
 * refractory period, and any half-open 60 s window holds at most {@code maxPerMinute} of them.
 *
 * <p>Commands are counted when issued, also if a scheduled one is later cancelled (conservative budget). Ids are
 * {@code <session>#<sequence>}, so re-running the same inputs from a restored state yields the same ids and
 * outputs can drop duplicates.
 */
public final class StimulationPolicy implements Serializable {
    private static final long serialVersionUID = 1L;

    private final PolicyConfig config;

    public StimulationPolicy(PolicyConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public PolicyConfig config() {
        return config;
    }

    /** State of a session the policy has not seen yet. */
    public PolicyState initialState() {
        return PolicyState.initial(config.armedAtStart());
    }

    /** Deterministic command id: session and the 0-based sequence number of the command in the session. */
    public static String commandId(String sessionId, long sequence) {
        return sessionId + "#" + sequence;
    }

    /**
     * Decides on one input.
     *
     * @param state the session's state before the input
     * @param in the decision to act on
     * @param now current LSL time in seconds (to expire phase targets); pass the input's timestamp in replay
     */
    public PolicyDecision decide(PolicyState state, PolicyInput in, double now) {
        double t = in.timestamp();
        if (state.emergencyStopped()) {
            double newLast = t >= state.lastInputTime() ? t : state.lastInputTime();
            return reject(state.withTrigger(state.latched(), 0, newLast), Verdict.EMERGENCY_STOP);
        }
        if (!(t >= state.lastInputTime())) { // also catches NaN
            // A backwards jump: reset the run and move on to the new clock; refractory and rate keep blocking
            // until the clock passes the last stimulation again.
            double newLast = Double.isNaN(t) ? state.lastInputTime() : t;
            return reject(state.withTrigger(state.latched(), 0, newLast), Verdict.NON_MONOTONIC_TIME);
        }
        if (ChunkFlags.isBad(in.flags())) {
            return reject(state.withTrigger(state.latched(), 0, t), Verdict.BAD_DATA);
        }
        if (!in.event()) {
            boolean positive = in.value() >= config.onThreshold();
            if (!positive) {
                boolean reopen = !(in.value() >= config.offThreshold()); // NaN value re-opens too
                return reject(state.withTrigger(state.latched() && !reopen, 0, t), Verdict.BELOW_THRESHOLD);
            }
            if (state.latched()) {
                return reject(state.withTrigger(true, 0, t), Verdict.LATCHED);
            }
            int run = state.consecutive() + 1;
            if (run < config.minConsecutive()) {
                return reject(state.withTrigger(false, run, t), Verdict.ACCUMULATING);
            }
        }
        // The trigger wants to fire; a blocked crossing stays open so a sustained one fires once the gates open.
        int keepRun = in.event() ? 0 : config.minConsecutive() - 1;
        PolicyState open = state.withTrigger(false, keepRun, t);
        if (!state.armed()) {
            return reject(open, Verdict.DISARMED);
        }
        if (state.issued() >= config.sessionBudget()) {
            return reject(open, Verdict.BUDGET_SPENT);
        }
        double scheduled = t;
        if (Double.isFinite(in.targetTime())) {
            if (in.targetTime() < now - config.lateToleranceSeconds()) {
                return reject(open, Verdict.EXPIRED);
            }
            if (in.targetTime() > now + config.maxLeadSeconds()) {
                return reject(open, Verdict.TOO_FAR_AHEAD);
            }
            scheduled = in.targetTime();
        } else if (!Double.isNaN(in.targetTime())) {
            return reject(open, Verdict.TOO_FAR_AHEAD);
        } else if (now - t > config.maxDecisionAgeSeconds()) {
            return reject(open, Verdict.EXPIRED);
        }
        if (!(scheduled - state.lastStimulationTime() >= config.refractorySeconds())) {
            return reject(open, Verdict.REFRACTORY);
        }
        double[] recent = state.recentTimes();
        if (recent.length >= config.maxPerMinute()
                && !(scheduled - recent[recent.length - config.maxPerMinute()] >= PolicyConfig.RATE_WINDOW_SECONDS)) {
            return reject(open, Verdict.RATE_LIMITED);
        }
        StimulationCommand cmd = new StimulationCommand(
                commandId(in.sessionId(), state.issued()),
                in.sessionId(),
                config.action(),
                in.cause(),
                in.value(),
                in.event() ? in.threshold() : config.onThreshold(),
                t,
                scheduled,
                config.sham());
        return new PolicyDecision(
                state.afterFiring(!in.event(), t, scheduled, config.maxPerMinute()), Verdict.FIRED, cmd);
    }

    /**
     * Runs {@link #decide} {@code rounds} times on a scratch, armed session whose every input fires (state is
     * discarded), so the JIT has compiled the decision path before the first real input. A live session decides only a
     * few times per second or less, far below the JVM's compile thresholds: left cold, the interpreted decision took
     * ~0.1 ms of the closed loop's budget (measured with {@code neuroloop bench latency}).
     *
     * @return how many of the rounds fired (all of them, unless the configuration can never fire)
     */
    public int warmUp(int rounds) {
        int fired = 0;
        PolicyState armed = PolicyState.initial(true);
        for (int i = 0; i < rounds; i++) {
            double t = 1000.0 + i;
            PolicyInput in = new PolicyInput("warm-up", "warm-up", t, 1.0, 0.5, true, Double.NaN, 0);
            if (decide(armed, in, t).fired()) {
                fired++;
            }
        }
        return fired;
    }

    /** Applies a control action; it takes effect for every later input and for pending scheduled commands. */
    public PolicyState control(PolicyState state, ControlAction action) {
        return switch (action) {
            case ARM -> state.emergencyStopped() ? state : state.withControl(true, false);
            case DISARM -> state.withControl(false, state.emergencyStopped());
            case EMERGENCY_STOP -> state.withControl(false, true);
            case RESET -> state.withControl(false, false);
        };
    }

    /**
     * Last check before a scheduled command goes out: {@link Verdict#FIRED} if it may be delivered at {@code now},
     * otherwise why not (disarmed or stopped since it was scheduled, or its time has passed).
     */
    public Verdict checkDelivery(PolicyState state, StimulationCommand cmd, double now) {
        if (state.emergencyStopped()) {
            return Verdict.EMERGENCY_STOP;
        }
        if (!state.armed()) {
            return Verdict.DISARMED;
        }
        boolean phaseTargeted = cmd.scheduledTime() != cmd.causeTimestamp();
        if (phaseTargeted && now > cmd.scheduledTime() + config.lateToleranceSeconds()) {
            return Verdict.EXPIRED;
        }
        return Verdict.FIRED;
    }

    private static PolicyDecision reject(PolicyState s, Verdict v) {
        return new PolicyDecision(s, v, null);
    }
}
