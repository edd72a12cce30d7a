package org.neuroloop.deploy.cluster;

import java.net.URI;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.RemoteStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.deploy.job.NeuroLoopJob;

/**
 * The embedded default: a Flink MiniCluster inside the CLI process, bound to 127.0.0.1, that stays up until
 * {@link #close()}. Jobs go to it through its REST endpoint (which also serves the Flink Web UI with the
 * per-session metrics), so results can still be fetched after a job ends; a plain local environment shuts its
 * cluster down the moment the job finishes, racing the result fetchers.
 */
public final class EmbeddedCluster implements AutoCloseable {
    private final MiniCluster cluster;
    private final URI rest;

    private EmbeddedCluster(MiniCluster cluster, URI rest) {
        this.cluster = cluster;
        this.rest = rest;
    }

    /**
     * Starts a cluster with one TaskManager of {@code slots} slots.
     *
     * @param restPort Web UI / REST port on 127.0.0.1, 0 for any free port
     */
    public static EmbeddedCluster start(int slots, int restPort) throws Exception {
        Configuration c = new Configuration();
        c.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        c.set(RestOptions.ADDRESS, "127.0.0.1");
        c.set(RestOptions.BIND_PORT, String.valueOf(restPort));
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(c)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(Math.max(1, slots))
                .setCommonBindAddress("127.0.0.1")
                .build());
        cluster.start();
        return new EmbeddedCluster(cluster, cluster.getRestAddress().get());
    }

    /** REST / Web UI address. */
    public URI restAddress() {
        return rest;
    }

    /** An environment submitting to this cluster, with the config's Flink settings. */
    public StreamExecutionEnvironment environment(ResolvedConfig config) {
        Configuration jobConf = NeuroLoopJob.flinkConfiguration(config.flink());
        return new RemoteStreamEnvironment(rest.getHost(), rest.getPort(), jobConf);
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
