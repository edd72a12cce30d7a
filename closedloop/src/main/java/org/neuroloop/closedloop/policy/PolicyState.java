package org.neuroloop.closedloop.policy;

import java.util.Arrays;
import java.util.Objects;

/**
 * Everything the {@link StimulationPolicy} remembers about one session, as an immutable value the Flink operator
 * keeps in keyed state (so checkpoints and restarts keep refractory, rate and budget accounting).
 *
 * @param armed whether stimulation is allowed at all
 * @param emergencyStopped latched emergency stop (lifted only by a reset)
 * @param latched the prediction trigger fired for the current crossing and waits for the value to fall below
 *                the off-threshold
 * @param consecutive positive predictions in a row so far
 * @param lastInputTime timestamp of the newest input seen, seconds ({@code -Infinity} before the first)
 * @param lastStimulationTime scheduled time of the newest issued command ({@code -Infinity} before the first)
 * @param issued commands issued in this session; the next command's sequence number and the budget spent
 * @param recentTimes scheduled times of up to {@code maxPerMinute} most recent commands, ascending
 */
public record PolicyState(
        boolean armed,
        boolean emergencyStopped,
        boolean latched,
        int consecutive,
        double lastInputTime,
        double lastStimulationTime,
        long issued,
        double[] recentTimes) {

    public PolicyState {
        recentTimes = recentTimes == null ? new double[0] : recentTimes;
    }

    /** A fresh session. */
    public static PolicyState initial(boolean armed) {
        return new PolicyState(
                armed, false, false, 0, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, new double[0]);
    }

    PolicyState withTrigger(boolean newLatched, int newConsecutive, double inputTime) {
        return new PolicyState(
                armed,
                emergencyStopped,
                newLatched,
                newConsecutive,
                inputTime,
                lastStimulationTime,
                issued,
                recentTimes);
    }

    PolicyState withControl(boolean newArmed, boolean newStopped) {
        return new PolicyState(
                newArmed, newStopped, latched, consecutive, lastInputTime, lastStimulationTime, issued, recentTimes);
    }

    PolicyState afterFiring(boolean newLatched, double inputTime, double scheduled, int maxPerMinute) {
        double[] recent;
        if (recentTimes.length < maxPerMinute) {
            recent = Arrays.copyOf(recentTimes, recentTimes.length + 1);
        } else {
            recent = new double[maxPerMinute];
            System.arraycopy(recentTimes, recentTimes.length - maxPerMinute + 1, recent, 0, maxPerMinute - 1);
        }
        recent[recent.length - 1] = scheduled;
        return new PolicyState(armed, emergencyStopped, newLatched, 0, inputTime, scheduled, issued + 1, recent);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PolicyState s
                && armed == s.armed
                && emergencyStopped == s.emergencyStopped
                && latched == s.latched
                && consecutive == s.consecutive
                && issued == s.issued
                && Double.compare(lastInputTime, s.lastInputTime) == 0
                && Double.compare(lastStimulationTime, s.lastStimulationTime) == 0
                && Arrays.equals(recentTimes, s.recentTimes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                armed,
                emergencyStopped,
                latched,
                consecutive,
                lastInputTime,
                lastStimulationTime,
                issued,
                Arrays.hashCode(recentTimes));
    }

    @Override
    public String toString() {
        return "PolicyState[armed=" + armed + " stopped=" + emergencyStopped + " latched=" + latched + " consecutive="
                + consecutive + " lastInput=" + lastInputTime + " lastStim=" + lastStimulationTime + " issued=" + issued
                + " recent=" + Arrays.toString(recentTimes) + "]";
    }
}
