package org.neuroloop.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.neuroloop.deploy.config.ConfigResolver;
import org.neuroloop.deploy.config.FlinkSpec;
import org.neuroloop.deploy.config.PipelineSpec;
import org.neuroloop.deploy.config.ReplayConfigs;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.deploy.config.SessionConfig;
import org.neuroloop.deploy.config.SessionSpec;
import org.neuroloop.deploy.job.NeuroLoopJob;
import org.neuroloop.deploy.job.SessionStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many concurrent real-time sessions one embedded MiniCluster sustains: the NeuroLoop job built from a session
 * config (the shipped spindle-stimulation pipeline: bad-data flags, a causal band-pass, the spindle detector and
 * the stimulation policy, live mode) runs N synthetic sessions paced in real time for a bounded time, and every
 * processed chunk's lag (processing time minus its newest sample's time, {@link ChunkLagProbe}) is recorded. Each
 * session plays a shared 60 s synthetic recording in a loop from its own offset ({@link #LOOP_SECONDS}).
 *
 * <p>A step with N sessions is <em>real time</em> when the p99 lag over the steady window stays at or below the
 * bound and the job keeps up: every session's mean lag over the last 10 % of its chunks also stays below the
 * bound (a growing backlog ends high). A paced synthetic session starts "now" when the job is built and emits the
 * data due during job deployment at once, so its first chunks carry the start-up time, not the steady-state lag:
 * the steady window starts {@code warmup} seconds after every session has caught up (one chunk within the bound);
 * a session that never catches up fails the step. All steps run on one MiniCluster, started (and warmed by a short
 * one-session job) before the first measured step. CPU is the process CPU time
 * ({@code com.sun.management.OperatingSystemMXBean#getProcessCpuTime}) over the steady window divided by the
 * session-seconds in it; it includes the synthetic generator, which stands in for the LSL inlet.
 *
 * <p>A step still running 1.5 x its length + 15 s after submission is cancelled and counts as too many. Each step is
 * summarised by {@link ScaleStep}; {@link ScaleSearch} chooses the steps and splits the CPU into the cluster's fixed
 * cost and the cost per session; {@link ResourceSampler} samples CPU and heap.
 */
public final class ScaleBenchmark implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScaleBenchmark.class);
    /**
     * Seconds of synthetic EEG each session plays in a loop ({@link org.neuroloop.ingest.synthetic.LoopedEeg}): the
     * generator computes every sample at about a third of the pipeline's cost per sample, a cost an LSL inlet does
     * not have, so the sessions play one shared buffer (each from its own offset) instead.
     */
    static final double LOOP_SECONDS = 60;

    /**
     * @param channels EEG channels per session
     * @param rate sampling rate, Hz
     * @param chunkSamples samples per chunk (the synthetic source's push size)
     * @param seconds length of each step's sessions
     * @param warmupSeconds unmeasured seconds after every session has caught up with its start-up backlog
     * @param lagBoundMs p99 lag bound for a step to count as real time
     * @param parallelism MiniCluster slots and job parallelism
     * @param budgetSeconds wall-clock budget of a {@link #search}
     * @param maxSessions largest N a search tries
     */
    public record Settings(
            int channels,
            double rate,
            int chunkSamples,
            double seconds,
            double warmupSeconds,
            double lagBoundMs,
            int parallelism,
            double budgetSeconds,
            int maxSessions) {
        public Settings {
            if (channels < 1) {
                throw new IllegalArgumentException("--channels must be >= 1, got " + channels);
            }
            if (!(rate >= 80)) {
                throw new IllegalArgumentException(
                        "--rate must be >= 80 Hz (the pipeline band-passes 0.3-35 Hz), got " + rate);
            }
            if (chunkSamples < 1) {
                throw new IllegalArgumentException("--chunk-samples must be >= 1, got " + chunkSamples);
            }
            if (!(seconds > warmupSeconds) || warmupSeconds < 0) {
                throw new IllegalArgumentException(
                        "--seconds (" + seconds + ") must exceed --warmup (" + warmupSeconds + ") >= 0");
            }
            if (!(lagBoundMs > 0)) {
                throw new IllegalArgumentException("--lag-bound-ms must be > 0, got " + lagBoundMs);
            }
            if (parallelism < 1 || maxSessions < 1) {
                throw new IllegalArgumentException("--parallelism and --max-sessions must be >= 1");
            }
        }
    }

    private final Settings settings;
    private final boolean paced;
    private MiniCluster cluster;
    private boolean warm;

    /** A benchmark whose sources are paced in real time. */
    public ScaleBenchmark(Settings settings) {
        this(settings, true);
    }

    /**
     * @param paced sources paced in real time; false: as fast as the job takes them (to measure the CPU of a fixed
     *     amount of work; the lags then say nothing)
     */
    public ScaleBenchmark(Settings settings, boolean paced) {
        this.settings = settings;
        this.paced = paced;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * The one MiniCluster all steps run on (1 TaskManager, {@code parallelism} slots, loopback only, REST on a free
     * port), started on first use: starting it takes seconds, which must not count as session time.
     */
    MiniCluster cluster(ResolvedConfig config) throws Exception {
        if (cluster == null) {
            Configuration c = NeuroLoopJob.flinkConfiguration(config.flink());
            c.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
            c.set(RestOptions.ADDRESS, "127.0.0.1");
            c.set(RestOptions.BIND_PORT, "0");
            MiniCluster m = new MiniCluster(new MiniClusterConfiguration.Builder()
                    .setConfiguration(c)
                    .setNumTaskManagers(1)
                    .setNumSlotsPerTaskManager(settings.parallelism())
                    .setCommonBindAddress("127.0.0.1")
                    .withRandomPorts()
                    .build());
            m.start();
            cluster = m;
        }
        return cluster;
    }

    /** Stops the MiniCluster. */
    @Override
    public void close() throws Exception {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    /** The session config of one step: N synthetic spindle sessions through the shipped spindle pipeline. */
    public SessionConfig config(int sessions, double seconds) {
        return config(sessions, seconds, null);
    }

    /** As {@link #config(int, double)}, checkpointing to {@code checkpointDir} (null: JobManager memory). */
    public SessionConfig config(int sessions, double seconds, Path checkpointDir) {
        SessionConfig shipped = ReplayConfigs.shipped(ReplayConfigs.resourceOf("spindles"));
        List<SessionSpec> specs = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            specs.add(new SessionSpec(
                    String.format("s%03d", i),
                    null,
                    null,
                    new SessionSpec.SyntheticSpec(
                            "spindles",
                            settings.channels(),
                            null,
                            settings.rate(),
                            seconds,
                            (long) i + 1,
                            settings.chunkSamples(),
                            paced ? "realtime" : "max",
                            LOOP_SECONDS)));
        }
        PipelineSpec p = shipped.pipeline();
        // the shipped high-pass + notch replaced by a causal band-pass on every channel (0.3-35 Hz, Butterworth order
        // 4,
        // i.e. 4 second-order sections); the detector still runs its own sigma band on its channel
        PipelineSpec pipeline = new PipelineSpec(
                p.quality(),
                List.of(new PipelineSpec.FilterSpec("bandpass", 0.3, 35.0, 4, null, null)),
                p.reference(),
                p.features(),
                p.classifier(),
                p.detector(),
                p.policy());
        // checkpoints stay on (as shipped), in a folder the step deletes afterwards: JobManager memory refuses a
        // checkpoint over 5 MB, which some hundreds of sessions' detector and filter state exceed
        var checkpoint = shipped.flink().checkpoint() == null
                ? null
                : new FlinkSpec.CheckpointSpec(
                        shipped.flink().checkpoint().intervalMs(),
                        checkpointDir == null ? null : checkpointDir.toString());
        // object reuse as a live job has it (chunks passed by reference between chained operators), also unpaced
        FlinkSpec flink = new FlinkSpec(
                settings.parallelism(), 0L, checkpoint, new FlinkSpec.RestartSpec("none", null, null), true);
        return new SessionConfig("bench-scale-" + sessions, specs, pipeline, List.of(), flink);
    }

    /** Runs one step with {@code sessions} concurrent sessions. */
    public ScaleStep run(int sessions) throws Exception {
        if (!warm) {
            // class loading and JIT of a cold JVM delay the first job's start by seconds: pay that off the record
            execute(1, Math.min(3, settings.seconds()));
            warm = true;
        }
        return execute(sessions, settings.seconds());
    }

    private ScaleStep execute(int sessions, double seconds) throws Exception {
        Path checkpoints = Files.createTempDirectory("nl-bench-scale-checkpoints");
        try {
            return execute(sessions, seconds, checkpoints);
        } finally {
            deleteTree(checkpoints);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private ScaleStep execute(int sessions, double seconds, Path checkpoints) throws Exception {
        ConfigResolver v = new ConfigResolver("bench scale", Path.of("."));
        ResolvedConfig config = v.resolve(config(sessions, seconds, checkpoints));
        MiniCluster mini = cluster(config);
        String run = "bench-scale-" + UUID.randomUUID();
        LagSeries.open(run);
        try {
            return execute(sessions, seconds, config, mini, run);
        } finally {
            LagSeries.close(run);
        }
    }

    private ScaleStep execute(int sessions, double seconds, ResolvedConfig config, MiniCluster mini, String run)
            throws Exception {
        JobGraph graph = graph(config, ChunkLagProbe.series(run, chunksPerSession(seconds)));
        // the idle cluster's live heap, so the step's live heap can be split per session
        System.gc();
        double heapBaseline =
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        ResourceSampler cpu = new ResourceSampler();
        long t0 = System.nanoTime();
        cpu.start();
        try {
            JobID id = mini.submitJob(graph).get().getJobID();
            // a step is bounded in time: a job that cannot keep up would otherwise run until its backlog drains
            // (unpaced sources take as long as the CPU left to this process allows)
            double limit = paced ? seconds * 1.5 + 15 : seconds * 30 + 60;
            try {
                // throws if the job failed
                mini.requestJobResult(id)
                        .get(Math.round(limit * 1000), TimeUnit.MILLISECONDS)
                        .toJobExecutionResult(ScaleBenchmark.class.getClassLoader());
            } catch (TimeoutException e) {
                mini.cancelJob(id).get();
                mini.requestJobResult(id).get();
                cpu.stop();
                double wall = (System.nanoTime() - t0) / 1e9;
                LOG.info("bench scale: {} session(s) not done after {} s, cancelled", sessions, limit);
                return ScaleStep.cancelled(
                        sessions, seconds, sessions * Math.round(seconds * settings.rate()), cpu.total(), wall);
            }
        } finally {
            cpu.stop();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        // the job has ended: its probes' series are complete
        HashMap<String, LagSeries.Series> lags = LagSeries.close(run);
        return ScaleStep.summarize(settings, sessions, seconds, lags, cpu, heapBaseline, wall);
    }

    /** Chunks each session of a step delivers, so the lag probe allocates its series once. */
    private int chunksPerSession(double seconds) {
        return (int) Math.ceil(Math.round(seconds * settings.rate()) / (double) settings.chunkSamples());
    }

    /**
     * The job graph of a run: the NeuroLoop job built from {@code config} with {@code probe} on its processed chunks
     * and its stimulation commands discarded. The paced synthetic sessions start "now", i.e. here: build it after
     * the cluster is up, so only job deployment lies between the first due sample and the running job.
     */
    static JobGraph graph(ResolvedConfig config, ChunkLagProbe probe) {
        NeuroLoopJob job = NeuroLoopJob.fromConfig(config);
        StreamExecutionEnvironment env =
                new StreamExecutionEnvironment(NeuroLoopJob.flinkConfiguration(config.flink()));
        job.configure(env);
        SessionStreams streams = job.build(env);
        streams.chunks()
                .process(probe)
                .returns(Types.VOID)
                .name("lag probe")
                .sinkTo(new DiscardingSink<>())
                .name("discard probe");
        // without a sink Flink prunes the detector and policy branch; they must run to cost what they cost
        streams.commands().sinkTo(new DiscardingSink<>()).name("discard stimulation commands");
        return env.getStreamGraph().getJobGraph();
    }
}
