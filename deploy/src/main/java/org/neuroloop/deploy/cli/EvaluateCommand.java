package org.neuroloop.deploy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code neuroloop evaluate ...}: offline evaluation of decoders and detectors against labels. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = "Evaluate decoders and detectors offline (print figures, or one JSON object with --json).",
        subcommands = {
            EvaluateMiCommand.class,
            EvaluateSpindlesCommand.class,
            EvaluateSoPhaseCommand.class,
        })
public final class EvaluateCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
