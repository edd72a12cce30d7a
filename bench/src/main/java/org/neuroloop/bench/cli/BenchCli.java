package org.neuroloop.bench.cli;

import org.neuroloop.deploy.cli.NeuroLoopCli;
import picocli.CommandLine;

/**
 * Entry point of the {@code neuroloop} launcher: the deploy module's command line plus {@code neuroloop bench ...}
 * and {@code neuroloop fuzz ...}, so benchmarks and fuzzing stay out of the library modules while every command
 * keeps its name.
 */
public final class BenchCli {
    private BenchCli() {}

    /** {@link NeuroLoopCli#commandLine()} with the {@link BenchCommand} and {@link FuzzCommand} added. */
    public static CommandLine commandLine() {
        CommandLine cl = NeuroLoopCli.commandLine();
        cl.addSubcommand(new BenchCommand());
        cl.addSubcommand(new FuzzCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
