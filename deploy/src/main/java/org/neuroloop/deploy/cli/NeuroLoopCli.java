package org.neuroloop.deploy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code neuroloop} command line. Each command lives in its own class in this package; the benchmarks
 * ({@code neuroloop bench ...}) live in the bench module, whose entry point adds them to this command line.
 */
@Command(name = "neuroloop", mixinStandardHelpOptions = true, versionProvider = NeuroLoopCli.Version.class,
        description = "Streaming real-time EEG brain-computer interface on Apache Flink.",
        subcommands = {
                CommandLine.HelpCommand.class,
                StimCommand.class,
                ClusterCommand.class,
                SubmitCommand.class,
                TrainCommand.class,
                EvaluateCommand.class,
                DetectCommand.class,
                ReplayCommand.class,
                RunCommand.class,
                DemoCommand.class,
                InfoCommand.class,
                PlayCommand.class,
                RecordCommand.class,
                SynthCommand.class,
        })
public final class NeuroLoopCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new NeuroLoopCli());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        System.exit(code);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = NeuroLoopCli.class.getPackage().getImplementationVersion();
            return new String[] {"neuroloop " + (v == null ? "dev" : v) + " (Flink 2.3.0, Java " + Runtime.version() + ")"};
        }
    }
}
