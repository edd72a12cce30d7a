package org.neuroloop.deploy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.neuroloop.deploy.cluster.ClusterClasspath;
import org.neuroloop.deploy.cluster.LoopbackClusterConfig;
import org.neuroloop.deploy.cluster.StandaloneCluster;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code neuroloop cluster start|status|stop}: a real Flink standalone session cluster bound to 127.0.0.1. */
@Command(
        name = "cluster",
        mixinStandardHelpOptions = true,
        description =
                "Start, inspect or stop a Flink standalone session cluster on loopback (Web UI on 127.0.0.1:8081).",
        subcommands = {ClusterCommand.Start.class, ClusterCommand.Status.class, ClusterCommand.Stop.class})
public final class ClusterCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static Path root() {
        return Path.of(System.getProperty("neuroloop.root", "."))
                .toAbsolutePath()
                .normalize();
    }

    static Path defaultWorkDir() {
        return root().resolve(".neuroloop").resolve("cluster");
    }

    static class Common {
        @Option(names = "--port", defaultValue = "8081", description = "REST/Web UI port (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(
                names = "--rpc-port",
                defaultValue = "6123",
                description = "JobManager RPC port (default: ${DEFAULT-VALUE}).")
        int rpcPort;

        @Option(
                names = "--work-dir",
                description = "Folder for config, logs, pids and checkpoints (default: .neuroloop/cluster).")
        Path workDir;

        LoopbackClusterConfig config(int taskManagers, int slots) {
            return new LoopbackClusterConfig(
                    port, rpcPort, taskManagers, slots, workDir == null ? defaultWorkDir() : workDir);
        }

        StandaloneCluster cluster(int taskManagers, int slots) {
            return new StandaloneCluster(config(taskManagers, slots), ClusterClasspath.fromCurrentJvm(), root());
        }
    }

    @Command(
            name = "start",
            mixinStandardHelpOptions = true,
            description = "Start a JobManager and N TaskManagers on 127.0.0.1.")
    static final class Start extends Common implements Callable<Integer> {
        @Option(
                names = "--taskmanagers",
                defaultValue = "2",
                description = "TaskManager processes (default: ${DEFAULT-VALUE}).")
        int taskManagers;

        @Option(
                names = "--slots",
                defaultValue = "2",
                description = "Slots per TaskManager (default: ${DEFAULT-VALUE}).")
        int slots;

        @Option(
                names = "--timeout",
                defaultValue = "90",
                description = "Seconds to wait for the cluster (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        @Override
        public Integer call() throws Exception {
            StandaloneCluster c = cluster(taskManagers, slots);
            System.err.printf(
                    "starting Flink cluster: 1 JobManager + %d TaskManagers x %d slots on 127.0.0.1 ...%n",
                    taskManagers, slots);
            c.start(Duration.ofSeconds(timeoutSeconds));
            System.out.printf(
                    "Flink cluster running. Web UI: %s  (logs: %s)%n",
                    c.config().restUrl(), c.config().logDir());
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show TaskManagers, slots and jobs.")
    static final class Status extends Common implements Callable<Integer> {
        @Option(names = "--json", description = "Print the cluster's /overview as JSON.")
        boolean json;

        @Override
        public Integer call() {
            StandaloneCluster c = cluster(1, 1);
            Optional<JsonNode> o = c.overview();
            if (o.isEmpty()) {
                System.out.println(
                        json
                                ? "{\"running\":false}"
                                : "no Flink cluster answers on " + c.config().restUrl());
                return 3;
            }
            JsonNode n = o.get();
            if (json) {
                System.out.println(n.toString());
            } else {
                System.out.printf(
                        "Flink %s at %s: %d TaskManagers, %d/%d slots free, jobs running %d, finished %d, failed %d, cancelled %d%n",
                        n.path("flink-version").asText(),
                        c.config().restUrl(),
                        n.path("taskmanagers").asInt(),
                        n.path("slots-available").asInt(),
                        n.path("slots-total").asInt(),
                        n.path("jobs-running").asInt(),
                        n.path("jobs-finished").asInt(),
                        n.path("jobs-failed").asInt(),
                        n.path("jobs-cancelled").asInt());
            }
            return 0;
        }
    }

    @Command(
            name = "stop",
            mixinStandardHelpOptions = true,
            description = "Stop the processes `cluster start` started.")
    static final class Stop extends Common implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            int n = cluster(1, 1).stop();
            System.out.println(
                    n == 0 ? "no cluster started from this work folder" : "stopped " + n + " Flink processes");
            return 0;
        }
    }
}
