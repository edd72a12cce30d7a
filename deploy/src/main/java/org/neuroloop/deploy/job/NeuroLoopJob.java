package org.neuroloop.deploy.job;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.neuroloop.deploy.config.ConfigResolver;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.dsp.flink.BadDataFlagFunction;
import org.neuroloop.dsp.flink.CausalFilterFunction;
import org.neuroloop.dsp.flink.FilterStage;
import org.neuroloop.dsp.flink.ReReferenceFunction;
import org.neuroloop.dsp.record.Chunk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NeuroLoop job: the one graph for live sessions, replay, the demo, cluster runs and the benchmarks; only the
 * sources, the outputs and the decision clock differ, and those come from the {@link ResolvedConfig}.
 *
 * <p>Like the Flink training's {@code LongRidesSolution}, the job takes its sources and outputs as constructor
 * arguments: {@link #fromConfig} wires those of the config, tests wire in-memory ones. {@link #build} reads as
 * the data flow: key by session, flag bad data, filter, re-reference, features, classifier or detector, policy,
 * outputs. Everything after the sources is chained in the same task (keyed streams are re-interpreted, never
 * re-partitioned), so a session never crosses the network inside the job.
 */
public final class NeuroLoopJob {
    private static final Logger LOG = LoggerFactory.getLogger(NeuroLoopJob.class);
    /** Key of every keyed operator: the session id. */
    public static final KeySelector<Chunk, String> BY_SESSION = Chunk::sessionId;

    private final ResolvedConfig config;
    private final JobSources sources;
    private final JobOutputs outputs;

    public NeuroLoopJob(ResolvedConfig config, JobSources sources, JobOutputs outputs) {
        this.config = config;
        this.sources = sources;
        this.outputs = outputs;
    }

    /** The job with the sources and outputs its config names. */
    public static NeuroLoopJob fromConfig(ResolvedConfig config) {
        return new NeuroLoopJob(config, ConfiguredSources.of(config), ConfiguredOutputs.of(config));
    }

    public ResolvedConfig config() {
        return config;
    }

    /**
     * Flink settings of the config as a Flink {@link Configuration}: parallelism, checkpointing, restart strategy,
     * and always {@code pipeline.generic-types: false} so any record that would fall back to Kryo fails the job.
     */
    public static Configuration flinkConfiguration(ResolvedConfig.Flink f) {
        Configuration c = new Configuration();
        c.set(PipelineOptions.GENERIC_TYPES, false);
        c.set(CoreOptions.DEFAULT_PARALLELISM, f.parallelism());
        c.set(PipelineOptions.MAX_PARALLELISM, maxParallelism(f.parallelism()));
        c.set(PipelineOptions.OBJECT_REUSE, f.objectReuse());
        if (f.checkpointIntervalMs() > 0) {
            c.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(f.checkpointIntervalMs()));
            if (f.checkpointDir() != null) {
                c.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
                c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, f.checkpointDir());
            }
        }
        if (f.restartStrategy() != null) {
            c.set(RestartStrategyOptions.RESTART_STRATEGY, f.restartStrategy());
            if (f.restartStrategy().equals("fixed-delay")) {
                c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, f.restartAttempts());
                c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(f.restartDelayMs()));
            } else if (f.restartStrategy().equals("exponential-delay")) {
                c.set(
                        RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF,
                        Duration.ofMillis(f.restartDelayMs()));
                c.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, f.restartAttempts());
            }
        }
        return c;
    }

    /**
     * Number of key groups of every keyed operator: Flink's default for {@code parallelism}, set explicitly so the
     * sources can place each session on the subtask owning its key group ({@link JobSources#partitionedBySession}).
     */
    public static int maxParallelism(int parallelism) {
        return KeyGroupRangeAssignment.computeDefaultMaxParallelism(parallelism);
    }

    /** Applies the config's Flink settings to {@code env}. */
    public void configure(StreamExecutionEnvironment env) {
        env.configure(flinkConfiguration(config.flink()), NeuroLoopJob.class.getClassLoader());
        env.setParallelism(config.flink().parallelism());
        env.setBufferTimeout(config.flink().bufferTimeoutMs());
    }

    /** Builds the graph on {@code env} and attaches the outputs; returns the streams for inspection. */
    public SessionStreams build(StreamExecutionEnvironment env) {
        ResolvedConfig.Pipeline p = config.pipeline();
        DataStream<Chunk> raw = sources.chunks(env);
        // Every source delivers a session from one subtask. When that is the subtask owning the session's key group
        // (one subtask, or sources placed by key group), the stream is viewed as keyed and the whole path from source
        // to outputs runs chained in one thread, a chunk passed by reference; otherwise keyBy moves each session to
        // the subtask owning its key group, serialising every chunk.
        boolean placed = config.flink().parallelism() == 1 || sources.partitionedBySession();
        KeyedStream<Chunk, String> bySession = placed ? keyed(raw) : raw.keyBy(BY_SESSION);
        DataStream<Chunk> chunks = bySession
                .process(new BadDataFlagFunction(p.quality(), p.staleMillis()))
                .uid("quality")
                .name("bad-data flags");
        List<FilterStage> stages = p.filters();
        if (!stages.isEmpty()) {
            // the flags operator passes its chunks to the filter alone, so the filter may overwrite them
            chunks = keyed(chunks)
                    .process(new CausalFilterFunction(stages, false, true))
                    .uid("filter")
                    .name("causal filter " + stages.size() + " stage(s)");
        }
        if (p.reference() != null) {
            chunks = chunks.map(new ReReferenceFunction(p.reference()))
                    .uid("reference")
                    .name("re-reference");
        }
        DecisionStages decisions = DecisionStages.build(
                config,
                keyed(chunks),
                config.control() == ResolvedConfig.Control.MARKERS ? sources.markers(env) : null,
                sources.sideControl());
        SessionStreams streams = new SessionStreams(
                chunks, decisions.features(), decisions.predictions(), decisions.events(), decisions.commands());
        outputs.attach(streams);
        return streams;
    }

    /** Configures {@code env}, builds and runs the job until its sources end (or forever for live sources). */
    public JobExecutionResult execute(StreamExecutionEnvironment env) throws Exception {
        configure(env);
        build(env);
        LOG.info(
                "starting job '{}' with {} session(s)",
                config.name(),
                config.sessions().size());
        return env.execute("neuroloop " + config.name());
    }

    /** A stream whose records are already partitioned by session, viewed as keyed without a shuffle. */
    public static KeyedStream<Chunk, String> keyed(DataStream<Chunk> stream) {
        return DataStreamUtils.reinterpretAsKeyedStream(stream, BY_SESSION);
    }

    /** {@code NeuroLoopJob --config SESSION.yaml}: the job as submitted to a cluster (see {@code neuroloop submit}). */
    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !args[0].equals("--config")) {
            System.err.println("usage: NeuroLoopJob --config SESSION.yaml");
            System.exit(2);
        }
        NeuroLoopJob job = fromConfig(ConfigResolver.load(Path.of(args[1])));
        job.execute(StreamExecutionEnvironment.getExecutionEnvironment());
    }
}
