package org.neuroloop.bench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code neuroloop bench ...}: benchmarks that print JSON; speed targets are checked here, never in unit tests. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks (print figures, or one JSON object with --json).",
        subcommands = {
            BenchLatencyCommand.class,
            BenchDspCommand.class,
            BenchSleepCommand.class,
            BenchLslCommand.class,
            BenchLsl4jCommand.class,
            BenchReplayCommand.class,
            BenchScaleCommand.class,
            BenchDashboardCommand.class,
            BenchSoakCommand.class,
            BenchGcCommand.class,
            BenchWakeCommand.class,
        })
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
