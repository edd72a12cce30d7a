package org.neuroloop.deploy.cluster;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Flink configuration of a standalone session cluster that listens on 127.0.0.1 only, as
 * {@code start-cluster.sh} would start it from a {@code conf/config.yaml}.
 *
 * @param restPort port of the REST API and Web UI (8081 by default)
 * @param rpcPort JobManager RPC port
 * @param taskManagers number of TaskManager processes
 * @param slotsPerTaskManager task slots in each TaskManager
 * @param workDir folder for the config, logs, pids and checkpoints
 */
public record LoopbackClusterConfig(
        int restPort, int rpcPort, int taskManagers, int slotsPerTaskManager, Path workDir) {

    public static final String HOST = "127.0.0.1";

    public LoopbackClusterConfig {
        if (taskManagers < 1 || taskManagers > 16) {
            throw new IllegalArgumentException("--taskmanagers must be between 1 and 16, got " + taskManagers);
        }
        if (slotsPerTaskManager < 1 || slotsPerTaskManager > 64) {
            throw new IllegalArgumentException("--slots must be between 1 and 64, got " + slotsPerTaskManager);
        }
        if (restPort < 1 || restPort > 65535 || rpcPort < 1 || rpcPort > 65535) {
            throw new IllegalArgumentException(
                    "ports must be within 1..65535, got rest " + restPort + ", rpc " + rpcPort);
        }
        workDir = workDir.toAbsolutePath().normalize();
    }

    public Path confDir() {
        return workDir.resolve("conf");
    }

    public Path logDir() {
        return workDir.resolve("log");
    }

    public Path checkpointDir() {
        return workDir.resolve("checkpoints");
    }

    public String restUrl() {
        return "http://" + HOST + ":" + restPort;
    }

    /** Flat Flink options; every address and bind host is the loopback address. */
    public Map<String, String> flinkOptions() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("jobmanager.rpc.address", HOST);
        o.put("jobmanager.rpc.port", Integer.toString(rpcPort));
        o.put("jobmanager.bind-host", HOST);
        o.put("rest.address", HOST);
        o.put("rest.bind-address", HOST);
        o.put("rest.port", Integer.toString(restPort));
        o.put("taskmanager.host", HOST);
        o.put("taskmanager.bind-host", HOST);
        o.put("taskmanager.numberOfTaskSlots", Integer.toString(slotsPerTaskManager));
        o.put("taskmanager.memory.process.size", "1280m");
        o.put("jobmanager.memory.process.size", "1024m");
        o.put("parallelism.default", "1");
        // Native-heavy libraries (DJL/PyTorch, jSerialComm) are on the cluster classpath and must be loaded by the
        // parent class loader once per JVM; the job jar carries only pure-Java code.
        o.put("classloader.parent-first-patterns.additional", "ai.djl.;com.fazecast.");
        o.put("execution.checkpointing.dir", checkpointDir().toUri().toString());
        o.put("restart-strategy.type", "fixed-delay");
        o.put("restart-strategy.fixed-delay.attempts", "20");
        o.put("restart-strategy.fixed-delay.delay", "1 s");
        // Notice a dead TaskManager within seconds rather than the default 50 s.
        o.put("heartbeat.interval", "1000");
        o.put("heartbeat.timeout", "6000");
        o.put("resourcemanager.taskmanager-timeout", "10000");
        o.put("web.submit.enable", "true");
        // Spread a job's slots over all TaskManagers, so sessions spread too and one TaskManager's loss hits part of
        // them.
        o.put("taskmanager.load-balance.mode", "SLOTS");
        return o;
    }

    /** The options as Flink's {@code config.yaml} text (flat keys are valid there). */
    public String toYaml() {
        StringBuilder sb = new StringBuilder(
                "# Written by `neuroloop cluster start`: a loopback-only standalone session cluster.\n");
        flinkOptions()
                .forEach((k, v) -> sb.append(k).append(": ").append(quote(v)).append('\n'));
        return sb.toString();
    }

    private static String quote(String v) {
        return v.matches("[A-Za-z0-9._/:-]+") ? v : '"' + v.replace("\"", "\\\"") + '"';
    }
}
