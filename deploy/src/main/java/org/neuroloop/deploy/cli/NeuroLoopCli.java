package org.neuroloop.deploy.cli;

import java.nio.file.Path;
import org.neuroloop.lsl4j.LslConfig;
import org.neuroloop.lsl4j.LslException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code neuroloop} command line. Each command lives in its own class in this package; the benchmarks
 * ({@code neuroloop bench ...}) live in the bench module, whose entry point adds them to this command line.
 */
@Command(
        name = "neuroloop",
        mixinStandardHelpOptions = true,
        versionProvider = NeuroLoopCli.Version.class,
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
            CheckCommand.class,
            DemoCommand.class,
            InfoCommand.class,
            PlayCommand.class,
            RecordCommand.class,
            SynthCommand.class,
        })
public final class NeuroLoopCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Opts in to an LSL config file for every endpoint of this process (a lab network, other ports); without it lsl4j
     * searches liblsl's places and falls back to its loopback-only default.
     */
    @CommandLine.Option(
            names = "--lsl-config",
            paramLabel = "FILE",
            scope = CommandLine.ScopeType.INHERIT,
            description = "lsl_api.cfg to use instead of the search (LSLAPICFG, ./, ~/lsl_api/, /etc/lsl_api/); without"
                    + " any file LSL stays on this machine.")
    void lslConfig(Path file) {
        try {
            LslConfig.useFile(file);
        } catch (LslException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--lsl-config: " + e.getMessage());
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new NeuroLoopCli());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(new CliErrors());
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
            return new String[] {
                "neuroloop " + (v == null ? "dev" : v) + " (Flink 2.3.0, Java " + Runtime.version() + ")"
            };
        }
    }
}
