package org.neuroloop.deploy.job;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.neuroloop.dsp.filter.FilterKind;
import org.neuroloop.dsp.flink.BadDataFlagFunction;
import org.neuroloop.dsp.flink.CausalFilterFunction;
import org.neuroloop.dsp.flink.FilterStage;
import org.neuroloop.dsp.flink.ReReferenceFunction;
import org.neuroloop.dsp.quality.QualityCriteria;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.DetectedEvent;
import org.neuroloop.dsp.record.FeatureVector;
import org.neuroloop.dsp.record.Prediction;
import org.neuroloop.dsp.record.StimulationCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NeuroLoop job: one graph for live sessions, replay and cluster runs; only the sources differ.
 *
 * <p>Like the Flink training's {@code LongRidesSolution}, the job takes its sources and outputs as constructor
 * arguments: {@link #main} wires those of the session config, tests wire in-memory ones. {@link #build} reads as
 * the data flow: key by session, flag bad data, filter, re-reference, features, classifier or detector, policy,
 * outputs. Everything after {@code keyBy} is chained in the same task (keyed streams are re-interpreted, never
 * re-partitioned), so a session never crosses the network inside the job.
 */
public final class NeuroLoopJob {
    private static final Logger LOG = LoggerFactory.getLogger(NeuroLoopJob.class);
    /** Key of every keyed operator: the session id. */
    public static final KeySelector<Chunk, String> BY_SESSION = Chunk::sessionId;

    private final SessionConfig config;
    private final ConfigValidator validator;
    private final JobSources sources;
    private final JobOutputs outputs;
    private final boolean replay;

    /**
     * @param config a validated session config
     * @param validator the validator that checked it (resolves relative paths against the config's directory)
     * @param replay true to decide on the recording's clock (replay: deterministic, any speed); false for live
     *               sessions, where the policy runs on the LSL clock and obeys control markers
     */
    public NeuroLoopJob(SessionConfig config, ConfigValidator validator, JobSources sources, JobOutputs outputs,
                        boolean replay) {
        this.config = config;
        this.validator = validator;
        this.sources = sources;
        this.outputs = outputs;
        this.replay = replay;
    }

    /** A live job. */
    public NeuroLoopJob(SessionConfig config, ConfigValidator validator, JobSources sources, JobOutputs outputs) {
        this(config, validator, sources, outputs, false);
    }

    /**
     * Flink settings of the config as a Flink {@link Configuration}: parallelism, checkpointing, restart strategy,
     * and always {@code pipeline.generic-types: false} so any record that would fall back to Kryo fails the job.
     */
    public static Configuration flinkConfiguration(FlinkSpec f, ConfigValidator validator) {
        Configuration c = new Configuration();
        c.set(PipelineOptions.GENERIC_TYPES, false);
        c.set(CoreOptions.DEFAULT_PARALLELISM, f.parallelismOr(1));
        if (f.checkpoint() != null) {
            c.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(f.checkpoint().intervalMs()));
            if (f.checkpoint().dir() != null) {
                String dir = f.checkpoint().dir().contains("://") ? f.checkpoint().dir()
                        : validator.resolve(f.checkpoint().dir()).toAbsolutePath().toUri().toString();
                c.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
                c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir);
            }
        }
        if (f.restart() != null) {
            String strategy = f.restart().strategy().toLowerCase(Locale.ROOT);
            c.set(RestartStrategyOptions.RESTART_STRATEGY, strategy);
            if (strategy.equals("fixed-delay")) {
                c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS,
                        f.restart().attempts() == null ? 3 : f.restart().attempts());
                c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
                        Duration.ofMillis(f.restart().delayMs() == null ? 1000 : f.restart().delayMs()));
            } else if (strategy.equals("exponential-delay")) {
                c.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF,
                        Duration.ofMillis(f.restart().delayMs() == null ? 1000 : f.restart().delayMs()));
                if (f.restart().attempts() != null) {
                    c.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, f.restart().attempts());
                }
            }
        }
        return c;
    }

    /** Applies the config's Flink settings to {@code env} (buffer timeout is set per job, not in the config). */
    public void configure(StreamExecutionEnvironment env) {
        env.configure(flinkConfiguration(config.flink(), validator), NeuroLoopJob.class.getClassLoader());
        env.setParallelism(config.flink().parallelismOr(1));
        env.setBufferTimeout(config.flink().bufferTimeoutOr(0));
    }

    /** Builds the graph on {@code env} and attaches the outputs; returns the streams for inspection. */
    public SessionStreams build(StreamExecutionEnvironment env) {
        PipelineSpec p = config.pipeline();
        DataStream<Chunk> raw = sources.chunks(env);
        DataStream<Chunk> chunks = raw.keyBy(BY_SESSION)
                .process(new BadDataFlagFunction(qualityCriteria(p), staleMillis(p)))
                .uid("quality").name("bad-data flags");
        List<FilterStage> stages = filterStages(p);
        if (p.classifier() != null) {
            // the decoder must see exactly the band it was trained on: order-4 causal Butterworth from zero state
            var band = validator.miModel(p.classifier().model()).band();
            stages = List.of(FilterStage.bandpass(org.neuroloop.classifiers.mi.Band.ORDER, band.low(), band.high()));
        }
        if (!stages.isEmpty()) {
            chunks = keyed(chunks).process(new CausalFilterFunction(stages, false))
                    .uid("filter").name("causal filter " + stages.size() + " stage(s)");
        }
        if (p.reference() != null) {
            chunks = chunks.map(new ReReferenceFunction(referenceChannels(p))).uid("reference").name("re-reference");
        }
        DataStream<FeatureVector> features = null;
        DataStream<Prediction> predictions = null;
        DataStream<DetectedEvent> events = null;
        DataStream<StimulationCommand> commands = null;
        if (p.features() != null || p.classifier() != null || p.detector() != null || p.policy() != null) {
            // The feature, decision and policy stages plug in here as their operators land (see DecisionStages).
            var decisions = DecisionStages.build(config, validator, keyed(chunks), sources.markers(env), replay, sources);
            features = decisions.features();
            predictions = decisions.predictions();
            events = decisions.events();
            commands = decisions.commands();
        }
        SessionStreams streams = new SessionStreams(chunks, features, predictions, events, commands);
        outputs.attach(streams);
        return streams;
    }

    /** Configures {@code env}, builds and runs the job until its sources end (or forever for live sources). */
    public JobExecutionResult execute(StreamExecutionEnvironment env) throws Exception {
        configure(env);
        build(env);
        LOG.info("starting job '{}' with {} session(s)", config.name(), config.sessions().size());
        return env.execute("neuroloop " + config.name());
    }

    /** A stream whose records are already partitioned by session, viewed as keyed without a shuffle. */
    public static KeyedStream<Chunk, String> keyed(DataStream<Chunk> stream) {
        return DataStreamUtils.reinterpretAsKeyedStream(stream, BY_SESSION);
    }

    static QualityCriteria qualityCriteria(PipelineSpec p) {
        var q = p.quality();
        QualityCriteria d = QualityCriteria.eegDefaults(0);
        if (q == null) {
            return d;
        }
        return new QualityCriteria(q.channels() == null ? 0 : q.channels(),
                q.flatMicrovolts() == null ? d.flatTolerance() : q.flatMicrovolts(),
                q.flatSeconds() == null ? d.flatSeconds() : q.flatSeconds(),
                q.clipMicrovolts() == null ? d.clipLevel() : q.clipMicrovolts(),
                q.clipSamples() == null ? d.clipSamples() : q.clipSamples(),
                q.clockJumpSeconds() == null ? d.clockJumpTolerance() : q.clockJumpSeconds());
    }

    static long staleMillis(PipelineSpec p) {
        if (p.quality() == null || p.quality().staleSeconds() == null) {
            return 2000;
        }
        return Math.round(p.quality().staleSeconds() * 1000);
    }

    static List<FilterStage> filterStages(PipelineSpec p) {
        List<FilterStage> stages = new ArrayList<>();
        for (PipelineSpec.FilterSpec f : p.filters()) {
            FilterKind kind = FilterKind.parse(f.type());
            int order = f.order() == null ? 4 : f.order();
            stages.add(kind == FilterKind.NOTCH
                    ? FilterStage.notch(f.freq(), f.q() == null ? 30 : f.q())
                    : new FilterStage(kind, order, f.low() == null ? Double.NaN : f.low(),
                    f.high() == null ? Double.NaN : f.high(), Double.NaN));
        }
        return stages;
    }

    static int[] referenceChannels(PipelineSpec p) {
        if (!"channels".equals(p.reference().type())) {
            return new int[0];
        }
        int[] idx = new int[p.reference().channels().size()];
        for (int i = 0; i < idx.length; i++) {
            String label = p.reference().channels().get(i);
            try {
                idx[i] = Integer.parseInt(label);
            } catch (NumberFormatException e) {
                throw new ConfigException(null, "pipeline.reference.channels[" + i + "]",
                        "'" + label + "': give channel indices (0-based); labels are resolved per stream only by the sources");
            }
        }
        return idx;
    }

    /**
     * The job with the sources and outputs its config names. The policy runs on the LSL clock only when every
     * session is on it (LSL streams, real-time synthetic EEG); recordings and full-speed synthetic sessions carry
     * their own clock, so the job then decides in replay mode whatever {@code replay} says.
     */
    public static NeuroLoopJob fromConfig(SessionConfig config, ConfigValidator validator, boolean replay) {
        boolean lslClock = config.sessions().stream().allMatch(s -> s.lsl() != null
                || (s.synthetic() != null && !"max".equalsIgnoreCase(s.synthetic().speed())));
        return new NeuroLoopJob(config, validator, ConfiguredSources.of(config, validator), ConfiguredOutputs.of(config, validator),
                replay || !lslClock);
    }

    /** {@code neuroloop-job --config SESSION.yaml}: the job as submitted to a cluster (see {@code neuroloop submit}). */
    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !args[0].equals("--config")) {
            System.err.println("usage: NeuroLoopJob --config SESSION.yaml");
            System.exit(2);
        }
        Path file = Path.of(args[1]);
        ConfigValidator v = new ConfigValidator(file.toString(), file.toAbsolutePath().getParent());
        SessionConfig config = v.validate(SessionConfigLoader.load(file));
        NeuroLoopJob job = fromConfig(config, v, false);
        job.execute(StreamExecutionEnvironment.getExecutionEnvironment());
    }
}
