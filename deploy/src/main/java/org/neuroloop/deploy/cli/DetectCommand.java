package org.neuroloop.deploy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code neuroloop detect ...}: run an event detector over a recording. */
@Command(
        name = "detect",
        mixinStandardHelpOptions = true,
        description = "Run an event detector over a recording and print or write the events.",
        subcommands = {
            DetectSpindlesCommand.class,
        })
public final class DetectCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
