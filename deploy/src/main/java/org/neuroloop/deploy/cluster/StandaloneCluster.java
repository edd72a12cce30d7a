package org.neuroloop.deploy.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Flink standalone session cluster on loopback: one JobManager process
 * ({@code StandaloneSessionClusterEntrypoint}) and N TaskManager processes ({@code TaskManagerRunner}) started from
 * the project's own Flink jars, as {@code start-cluster.sh} does (memory flags computed by Flink's own process-spec
 * utilities). The processes outlive the command that started them; their pids live in {@code cluster.json} in the
 * work folder so {@code status} and {@code stop} find them.
 */
public final class StandaloneCluster {
    private static final Logger LOG = LoggerFactory.getLogger(StandaloneCluster.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String JOBMANAGER_MAIN = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    static final String TASKMANAGER_MAIN = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";

    private final LoopbackClusterConfig config;
    private final String classpath;
    private final Path lslWorkingDir;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param config the loopback configuration
     * @param classpath classpath of the cluster processes: Flink and the native-heavy libraries (DJL, jSerialComm)
     * @param lslWorkingDir working folder of the processes: lsl4j reads an {@code lsl_api.cfg} there if one exists,
     *                      else keeps LSL on this machine by its built-in default
     */
    public StandaloneCluster(LoopbackClusterConfig config, String classpath, Path lslWorkingDir) {
        this.config = config;
        this.classpath = classpath;
        this.lslWorkingDir = lslWorkingDir.toAbsolutePath();
    }

    public LoopbackClusterConfig config() {
        return config;
    }

    /** Reads the description a previous {@code start} left in {@code workDir}, if any. */
    public static Optional<JsonNode> readState(Path workDir) {
        Path f = workDir.resolve("cluster.json");
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(f.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    /** Starts the JobManager and the TaskManagers and waits until all TaskManagers registered. */
    public void start(Duration timeout) throws IOException, InterruptedException {
        if (isUp()) {
            throw new IllegalStateException("a Flink cluster already answers on " + config.restUrl()
                    + "; stop it first (neuroloop cluster stop) or pick another --port");
        }
        Files.createDirectories(config.confDir());
        Files.createDirectories(config.logDir());
        Files.createDirectories(config.checkpointDir());
        Files.writeString(config.confDir().resolve("config.yaml"), config.toYaml());
        Files.writeString(config.confDir().resolve("log4j.properties"), LOG4J);

        Configuration flinkConf = Configuration.fromMap(config.flinkOptions());
        JobManagerProcessSpec jmSpec = JobManagerProcessUtils.processSpecFromConfig(flinkConf);
        List<String> jmJvm = split(JobManagerProcessUtils.generateJvmParametersStr(jmSpec, flinkConf));
        List<String> jmDyn = split(JobManagerProcessUtils.generateDynamicConfigsStr(jmSpec));

        ObjectNode state = JSON.createObjectNode();
        state.put("rest", config.restUrl());
        state.put("restPort", config.restPort());
        state.put("rpcPort", config.rpcPort());
        state.put("workDir", config.workDir().toString());
        Process jm = launch("jobmanager", JOBMANAGER_MAIN, jmJvm, jmDyn);
        state.put("jobmanager", jm.pid());
        ArrayNode tms = state.putArray("taskmanagers");
        List<Process> started = new ArrayList<>();
        for (int i = 0; i < config.taskManagers(); i++) {
            Process tm = launchTaskManager("taskmanager-" + i);
            tms.add(tm.pid());
            started.add(tm);
        }
        JSON.writerWithDefaultPrettyPrinter()
                .writeValue(config.workDir().resolve("cluster.json").toFile(), state);

        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!jm.isAlive()) {
                throw new IllegalStateException("the JobManager exited during start-up (exit " + jm.exitValue()
                        + "); see " + config.logDir().resolve("jobmanager.out"));
            }
            for (int i = 0; i < started.size(); i++) {
                if (!started.get(i).isAlive()) {
                    throw new IllegalStateException("TaskManager " + i + " exited during start-up; see "
                            + config.logDir().resolve("taskmanager-" + i + ".out"));
                }
            }
            Optional<JsonNode> overview = overview();
            if (overview.isPresent()
                    && overview.get().path("taskmanagers").asInt() >= config.taskManagers()
                    && overview.get().path("slots-total").asInt()
                            >= config.taskManagers() * config.slotsPerTaskManager()) {
                LOG.info(
                        "Flink cluster up at {} with {} TaskManagers x {} slots",
                        config.restUrl(),
                        config.taskManagers(),
                        config.slotsPerTaskManager());
                return;
            }
            Thread.sleep(250);
        }
        stop();
        throw new IllegalStateException(
                "the cluster did not come up within " + timeout.toSeconds() + " s; logs in " + config.logDir());
    }

    private Process launchTaskManager(String name) throws IOException {
        Configuration flinkConf = Configuration.fromMap(config.flinkOptions());
        TaskExecutorProcessSpec tmSpec = TaskExecutorProcessUtils.processSpecFromConfig(flinkConf);
        return launch(
                name,
                TASKMANAGER_MAIN,
                split(ProcessMemoryUtils.generateJvmParametersStr(tmSpec)),
                split(TaskExecutorProcessUtils.generateDynamicConfigsStr(tmSpec)));
    }

    private Process launch(String name, String mainClass, List<String> jvmParams, List<String> dynamicConfigs)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmParams);
        cmd.add("-Dlog.file=" + config.logDir().resolve(name + ".log"));
        cmd.add("-Dlog4j.configurationFile="
                + config.confDir().resolve("log4j.properties").toUri());
        cmd.add("-Dneuroloop.root=" + System.getProperty("neuroloop.root", lslWorkingDir.toString()));
        cmd.add("-Dai.djl.offline=true");
        cmd.add("-Dai.djl.pytorch.num_threads=1");
        cmd.add("-Dai.djl.pytorch.num_interop_threads=1");
        cmd.add("--add-opens=java.base/java.util=ALL-UNNAMED");
        cmd.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.add("--configDir");
        cmd.add(config.confDir().toString());
        cmd.addAll(dynamicConfigs);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(lslWorkingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(config.logDir().resolve(name + ".out").toFile());
        Process p = pb.start();
        LOG.info("started {} (pid {})", name, p.pid());
        return p;
    }

    /** True when the REST endpoint answers. */
    public boolean isUp() {
        return overview().isPresent();
    }

    /** The cluster's {@code /overview} (TaskManagers, slots, jobs), or empty when nothing answers. */
    public Optional<JsonNode> overview() {
        return getJson("/overview");
    }

    /** GET a REST path and parse its JSON, or empty when the cluster does not answer. */
    public Optional<JsonNode> getJson(String path) {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(config.restUrl() + path))
                            .timeout(Duration.ofSeconds(3))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(JSON.readTree(r.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Pids of the TaskManager processes this cluster started (from cluster.json). */
    public List<Long> taskManagerPids() {
        List<Long> pids = new ArrayList<>();
        readState(config.workDir()).ifPresent(s -> s.path("taskmanagers").forEach(n -> pids.add(n.asLong())));
        return pids;
    }

    /** Kills one TaskManager process at once (SIGKILL), as a crash would. */
    public void killTaskManager(int index) {
        List<Long> pids = taskManagerPids();
        if (index < 0 || index >= pids.size()) {
            throw new IllegalArgumentException("no TaskManager " + index + "; this cluster has " + pids.size());
        }
        ProcessHandle.of(pids.get(index)).ifPresent(ProcessHandle::destroyForcibly);
        LOG.info("killed TaskManager {} (pid {})", index, pids.get(index));
    }

    /**
     * Starts a new TaskManager process in place of TaskManager {@code index} (killing it first if it still runs), as
     * an operator or a supervisor restarts a crashed machine; cluster.json lists the new pid.
     */
    public void replaceTaskManager(int index) throws IOException {
        List<Long> pids = taskManagerPids();
        if (index < 0 || index >= pids.size()) {
            throw new IllegalArgumentException("no TaskManager " + index + "; this cluster has " + pids.size());
        }
        ProcessHandle.of(pids.get(index)).ifPresent(ProcessHandle::destroyForcibly);
        Process tm = launchTaskManager("taskmanager-" + index + "-" + System.currentTimeMillis());
        ObjectNode state = (ObjectNode) readState(config.workDir())
                .orElseThrow(() -> new IllegalStateException("no cluster.json in " + config.workDir()));
        ((ArrayNode) state.path("taskmanagers"))
                .set(index, JSON.getNodeFactory().numberNode(tm.pid()));
        JSON.writerWithDefaultPrettyPrinter()
                .writeValue(config.workDir().resolve("cluster.json").toFile(), state);
    }

    /** Stops every process listed in cluster.json and waits for them to exit. Returns how many were stopped. */
    public int stop() throws InterruptedException {
        Optional<JsonNode> state = readState(config.workDir());
        if (state.isEmpty()) {
            return 0;
        }
        List<ProcessHandle> handles = new ArrayList<>();
        state.get()
                .path("taskmanagers")
                .forEach(n -> ProcessHandle.of(n.asLong()).ifPresent(handles::add));
        ProcessHandle.of(state.get().path("jobmanager").asLong()).ifPresent(handles::add);
        for (ProcessHandle h : handles) {
            if (h.info().command().map(c -> c.endsWith("java")).orElse(true)) {
                h.destroy();
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        for (ProcessHandle h : handles) {
            while (h.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
        try {
            Files.deleteIfExists(config.workDir().resolve("cluster.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return handles.size();
    }

    private static List<String> split(String params) {
        return Arrays.stream(params.trim().split("\\s+"))
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static final String LOG4J = """
            rootLogger.level = INFO
            rootLogger.appenderRef.file.ref = MainAppender
            logger.neuroloop.name = org.neuroloop
            logger.neuroloop.level = INFO
            appender.main.name = MainAppender
            appender.main.type = File
            appender.main.append = true
            appender.main.fileName = ${sys:log.file}
            appender.main.layout.type = PatternLayout
            appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
            """;
}
