package org.neuroloop.deploy.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.neuroloop.deploy.config.ConfigException;
import org.neuroloop.deploy.config.ConfigResolver;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.deploy.host.IdleCorePoller;
import org.neuroloop.deploy.job.LocalRun;
import org.neuroloop.deploy.job.NeuroLoopJob;
import org.neuroloop.lsl4j.thread.RealtimeThreads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code neuroloop run --config SESSION.yaml}: a live session on the embedded MiniCluster, with the sources,
 * pipeline and outputs of the config; runs until its sources end or the process is interrupted.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run a live session (YAML session config) on the embedded Flink MiniCluster.")
public final class RunCommand implements Callable<Integer> {

    @Option(
            names = "--config",
            required = true,
            description = "Session config (YAML); see deploy/src/main/resources/configs/.")
    Path config;

    @Option(names = "--web-ui", description = "Serve the Flink Web UI (per-session metrics) on 127.0.0.1:--port.")
    boolean webUi;

    @Option(names = "--port", defaultValue = "8081", description = "Web UI port (default: ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    DashboardOption dashboard = new DashboardOption();

    @Mixin
    IdlePollOption idlePoll = new IdlePollOption();

    @Override
    public Integer call() throws Exception {
        ResolvedConfig session;
        NeuroLoopJob job;
        StreamExecutionEnvironment env;
        try {
            session = ConfigResolver.load(config);
            job = dashboard.job(session);
            env = LocalRun.environment(session, webUi, port);
            job.configure(env);
            job.build(env);
        } catch (ConfigException e) {
            System.err.println("neuroloop run: " + e.getMessage());
            return 2;
        }
        System.out.printf(
                "running '%s': %d session(s)%s; scheduling %s; Ctrl-C to stop%n",
                session.name(),
                session.sessions().size(),
                webUi ? ", Flink Web UI on http://127.0.0.1:" + port : "",
                RealtimeThreads.describe());
        try (IdleCorePoller poller = idlePoll.start()) {
            env.execute("neuroloop " + session.name());
        }
        System.out.println("sources ended; job finished");
        dashboard.lingerAfterJob();
        return 0;
    }
}
