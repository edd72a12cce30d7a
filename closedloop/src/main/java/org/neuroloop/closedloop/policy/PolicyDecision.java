package org.neuroloop.closedloop.policy;

import java.util.Optional;
import org.neuroloop.dsp.record.StimulationCommand;

/**
 * The policy's answer to one input: the next state, the verdict and, when {@link Verdict#FIRED}, the command.
 *
 * @param state state after the input
 * @param verdict why a command was or was not issued
 * @param command the command, or null unless {@code verdict == FIRED}
 */
public record PolicyDecision(PolicyState state, Verdict verdict, StimulationCommand command) {

    public Optional<StimulationCommand> commandIfAny() {
        return Optional.ofNullable(command);
    }

    public boolean fired() {
        return verdict == Verdict.FIRED;
    }
}
