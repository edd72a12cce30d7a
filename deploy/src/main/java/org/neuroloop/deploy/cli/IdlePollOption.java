package org.neuroloop.deploy.cli;

import org.neuroloop.deploy.host.IdleCorePoller;
import picocli.CommandLine.Option;

/** {@code --idle-poll}: keep idle cores polling while a live closed loop runs (see {@link IdleCorePoller}). */
public final class IdlePollOption {
    @Option(
            names = "--idle-poll",
            description = "Keep idle cores polling (one SCHED_IDLE busy loop per core, needs chrt) so the closed"
                    + " loop's wake-ups are not delayed by halted virtual CPUs; lowers the latency tail on VMs, and"
                    + " shows every core busy. For dedicated live machines.")
    boolean enabled;

    /** Started pollers when the option is given, else a no-op to close. */
    public IdleCorePoller start() {
        return enabled ? IdleCorePoller.start() : IdleCorePoller.none();
    }
}
