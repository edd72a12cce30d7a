package org.neuroloop.deploy.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.neuroloop.deploy.cluster.RestJobSubmitter;
import org.neuroloop.deploy.config.ConfigException;
import org.neuroloop.deploy.config.ConfigResolver;
import org.neuroloop.deploy.config.OutputSpec;
import org.neuroloop.deploy.config.ReplayConfigs;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.deploy.config.SessionConfig;
import org.neuroloop.deploy.config.SessionConfigWriter;
import org.neuroloop.deploy.dashboard.DashboardWiring;
import org.neuroloop.deploy.dashboard.MonitoredJob;
import org.neuroloop.deploy.job.NeuroLoopJob;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code neuroloop submit --cluster 127.0.0.1:8081 --config SESSION.yaml}: validates the session config here, then
 * uploads the shaded job jar to a running Flink session cluster and starts {@link NeuroLoopJob} from it.
 */
@Command(
        name = "submit",
        mixinStandardHelpOptions = true,
        description = "Submit the job (shaded job jar) to a Flink session cluster (see `neuroloop cluster start`).")
public final class SubmitCommand implements Callable<Integer> {

    @Option(
            names = "--cluster",
            defaultValue = "127.0.0.1:8081",
            description = "REST address of the cluster (default: ${DEFAULT-VALUE}).")
    String cluster;

    @CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--config", required = true, description = "Session config (YAML) the job runs.")
        Path config;

        @Option(
                names = "--replay",
                arity = "1..*",
                required = true,
                paramLabel = "FILE",
                description = "Recordings to replay, one session each (with --pipeline).")
        List<Path> replay;
    }

    @Option(
            names = "--pipeline",
            defaultValue = "spindles",
            description =
                    "With --replay: mi, spindles, slow-oscillations or a YAML config (default: ${DEFAULT-VALUE}).")
    String pipeline;

    @Option(names = "--model", description = "With --replay: model file for a classifier pipeline.")
    Path model;

    @Option(
            names = "--speed",
            defaultValue = "max",
            description = "With --replay: max, realtime or a factor (default: ${DEFAULT-VALUE}).")
    String speed;

    @Option(
            names = "--out",
            description = "With --replay: JSON-lines log of the stimulation commands (default: replay-commands.jsonl).")
    Path out;

    @Option(
            names = "--jar",
            description = "Job jar (default: deploy/target/neuroloop-deploy-*-job.jar of this checkout).")
    Path jar;

    @Option(names = "--wait", description = "Wait until the job ends and exit non-zero if it failed.")
    boolean waitForEnd;

    @Mixin
    DashboardOption dashboard = new DashboardOption();

    @Override
    public Integer call() throws Exception {
        Path file;
        try {
            file = what.config != null ? what.config.toAbsolutePath().normalize() : writeReplayConfig();
        } catch (ConfigException e) {
            System.err.println("neuroloop submit: " + e.getMessage());
            return 2;
        }
        ResolvedConfig session;
        try {
            session = ConfigResolver.load(file);
        } catch (ConfigException e) {
            System.err.println("neuroloop submit: " + e.getMessage());
            return 2;
        }
        Path jobJar = jar != null ? jar : defaultJobJar();
        RestJobSubmitter submitter = RestJobSubmitter.forCluster(cluster);
        String jobId;
        try {
            String jarId = submitter.upload(jobJar);
            List<String> args = new ArrayList<>(List.of("--config", file.toString()));
            String entry = NeuroLoopJob.class.getName();
            DashboardWiring wiring = dashboard.start(session);
            if (wiring != null) {
                // the job feeds the dashboard this process serves: monitor datagrams and control markers on loopback
                entry = MonitoredJob.class.getName();
                args.addAll(List.of("--monitor-port", "" + wiring.monitorPort()));
                if (wiring.controlStream() != null) {
                    args.addAll(List.of("--control-stream", wiring.controlStream()));
                }
            }
            jobId = submitter.run(jarId, entry, args, null);
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("neuroloop submit: " + e.getMessage());
            return 1;
        }
        System.out.printf(
                "submitted '%s' (%d session(s)) to %s as job %s%n",
                session.name(), session.sessions().size(), cluster, jobId);
        if (!waitForEnd && !dashboard.enabled()) {
            return 0;
        }
        String state;
        do {
            Thread.sleep(1000);
            state = submitter.jobState(jobId);
        } while (!List.of("FINISHED", "FAILED", "CANCELED").contains(state));
        System.out.println("job " + jobId + " " + state);
        dashboard.lingerAfterJob();
        return "FINISHED".equals(state) ? 0 : 1;
    }

    /**
     * The replay of {@code --replay} files as a session config file the JobManager can read: the named pipeline's
     * config with one recording session per file and a JSONL log of the commands as output.
     */
    private Path writeReplayConfig() throws IOException {
        SessionConfig base = ReplayConfigs.forReplay(pipeline, what.replay, model, speed);
        Path log = (out == null ? Path.of("replay-commands.jsonl") : out).toAbsolutePath();
        SessionConfig c = new SessionConfig(
                base.name(),
                base.sessions(),
                base.pipeline(),
                List.of(new OutputSpec(null, null, null, null, new OutputSpec.JsonlOutput(log.toString()))),
                base.flink(),
                base.lsl());
        Path dir = ClusterCommand.root().resolve(".neuroloop").resolve("submit");
        Files.createDirectories(dir);
        Path f = dir.resolve(c.name() + "-" + System.currentTimeMillis() + ".yaml");
        SessionConfigWriter.write(c, f);
        return f;
    }

    static Path defaultJobJar() throws IOException {
        Path target = ClusterCommand.root().resolve("deploy").resolve("target");
        if (Files.isDirectory(target)) {
            try (var files = Files.list(target)) {
                var found = files.filter(p -> p.getFileName().toString().matches("neuroloop-deploy-.*-job\\.jar"))
                        .findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
        throw new IllegalArgumentException(
                "no job jar in " + target + "; build it with `mvn -DskipTests package` or pass --jar");
    }
}
