package org.neuroloop.deploy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code neuroloop stim ...}: stimulation outputs by hand. */
@Command(
        name = "stim",
        mixinStandardHelpOptions = true,
        description = "Stimulation outputs: send test stimuli through LSL markers, UDP/OSC, serial TTL or audio.",
        subcommands = {
            StimTestCommand.class,
            StimControlCommand.class,
        })
public final class StimCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
