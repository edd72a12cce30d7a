package org.neuroloop.deploy.dashboard;

import java.nio.file.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.neuroloop.deploy.config.ConfigResolver;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.deploy.job.ConfiguredOutputs;
import org.neuroloop.deploy.job.ConfiguredSources;
import org.neuroloop.deploy.job.NeuroLoopJob;

/**
 * {@code MonitoredJob --config SESSION.yaml --monitor-port P [--control-stream NAME]}: the entry class of a cluster
 * job with a dashboard ({@code neuroloop submit --dashboard}): {@link NeuroLoopJob} of the config plus the
 * {@link DashboardWiring} of the dashboard that the submitting process serves on this machine.
 */
public final class MonitoredJob {
    private MonitoredJob() {}

    public static void main(String[] args) throws Exception {
        String config = null;
        Integer port = null;
        String control = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--config" -> config = args[i + 1];
                case "--monitor-port" -> port = Integer.parseInt(args[i + 1]);
                case "--control-stream" -> control = args[i + 1];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (config == null || port == null || args.length % 2 != 0) {
            throw new IllegalArgumentException(
                    "usage: MonitoredJob --config SESSION.yaml --monitor-port P [--control-stream NAME]");
        }
        ResolvedConfig resolved = ConfigResolver.load(Path.of(config));
        NeuroLoopJob job = new DashboardWiring(port, control)
                .job(resolved, ConfiguredSources.of(resolved), ConfiguredOutputs.of(resolved));
        job.execute(StreamExecutionEnvironment.getExecutionEnvironment());
    }
}
