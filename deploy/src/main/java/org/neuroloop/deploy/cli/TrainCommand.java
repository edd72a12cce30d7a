package org.neuroloop.deploy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code neuroloop train ...}: fit decoders offline and write model files. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Train decoders from recordings and save them as model files.",
        subcommands = {
            TrainMiCommand.class,
            TrainSpindlesCommand.class,
        })
public final class TrainCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
