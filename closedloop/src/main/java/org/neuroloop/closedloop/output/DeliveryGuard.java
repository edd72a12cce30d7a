package org.neuroloop.closedloop.output;

import java.io.Serializable;
import org.neuroloop.closedloop.policy.PolicyConfig;
import org.neuroloop.dsp.record.StimulationCommand;

/**
 * The policy's stale guard, applied again at the output of a live session: a command whose moment has passed by the
 * time it reaches its transport (a backlog, a slow transport, a restart) is dropped, never sent late. An immediate
 * command is stale once its causing sample is older than {@code maxAgeSeconds}; a phase-targeted one once its
 * scheduled time is more than {@code lateToleranceSeconds} past. Times are on the LSL clock, so the guard only makes
 * sense on the live clock; replays deliver on the recording's clock and have no guard.
 */
public record DeliveryGuard(double maxAgeSeconds, double lateToleranceSeconds) implements Serializable {
    public DeliveryGuard {
        if (!(maxAgeSeconds > 0) || !(lateToleranceSeconds >= 0)) {
            throw new IllegalArgumentException(
                    "delivery guard: need maxAgeSeconds > 0 and lateToleranceSeconds >= 0, got " + maxAgeSeconds + ", "
                            + lateToleranceSeconds);
        }
    }

    /** The guard of a policy: its {@code maxDecisionAgeSeconds} and {@code lateToleranceSeconds}. */
    public static DeliveryGuard of(PolicyConfig policy) {
        return new DeliveryGuard(policy.maxDecisionAgeSeconds(), policy.lateToleranceSeconds());
    }

    /** Whether {@code cmd} may no longer be delivered at LSL time {@code now}. */
    public boolean stale(StimulationCommand cmd, double now) {
        boolean phaseTargeted = cmd.scheduledTime() != cmd.causeTimestamp();
        return phaseTargeted
                ? now > cmd.scheduledTime() + lateToleranceSeconds
                : now - cmd.causeTimestamp() > maxAgeSeconds;
    }
}
