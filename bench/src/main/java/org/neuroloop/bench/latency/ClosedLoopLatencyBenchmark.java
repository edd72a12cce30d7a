package org.neuroloop.bench.latency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.neuroloop.bench.latency.MarkerReceiver.Received;
import org.neuroloop.closedloop.latency.LatencyStats;
import org.neuroloop.closedloop.output.JsonlStimulationLog;
import org.neuroloop.closedloop.output.LslMarkerTransport;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.deploy.config.ResolvedConfigYaml;
import org.neuroloop.deploy.job.NeuroLoopJob;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.Lsl;
import org.neuroloop.lsl4j.LslInlet;
import org.neuroloop.lsl4j.LslOutlet;
import org.neuroloop.lsl4j.StreamInfo;
import org.neuroloop.lsl4j.StreamResolver;
import org.neuroloop.lsl4j.wire.WireInlet;
import org.neuroloop.lsl4j.wire.WireOutlet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * End-to-end closed-loop latency on one machine, with real components only:
 * <ol>
 *   <li>an LSL outlet (NeuroLoop's wire outlet by default, or liblsl's) publishes synthetic EEG with planted bursts,
 * one sample per push at the nominal rate, each
 *       stamped with {@code local_clock()} at push;</li>
 *   <li>the deployed graph, {@link NeuroLoopJob}, runs on the embedded MiniCluster from a shipped YAML
 *       ({@link LatencyConfigs}): LSL source, bad-data flags, causal filter, the threshold detector (planted bursts),
 *       the spindle detector or the spindle network (planted spindles) or the simpleconv decoder (a recorded
 *       motor-imagery run, {@link MotorImageryReplaySignal}), the stimulation policy, and an LSL marker output
 *       ({@link LslMarkerTransport});</li>
 *   <li>a separate LSL inlet (NeuroLoop's wire inlet by default, or liblsl's) receives the markers and stamps
 *       {@code local_clock()} when each arrives.</li>
 * </ol>
 * The latency of a planted event is (marker received) − (push time of the causing sample, the one the marker's
 * cause timestamp names). A marker whose cause lies outside every planted event (a burst's first sample, a
 * spindle's onset..end) is a false stimulation. Bursts during the warm-up
 * (JIT compilation) are delivered but not counted. The signal and config of each pipeline come from
 * {@link LatencyWorkload}, the matching of markers to events is {@link LatencyEvaluation}'s.
 */
public final class ClosedLoopLatencyBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(ClosedLoopLatencyBenchmark.class);

    /** The shipped YAML's threshold, µV: an order of magnitude above the synthetic background, well below a burst. */
    public static final double THRESHOLD_UV = 150;

    public static final double BURST_UV = 400;
    public static final int BURST_SAMPLES = 5;
    /** Planted spindle rate of the spindle pipeline (plus 4 slow oscillations per minute). */
    public static final double SPINDLES_PER_MINUTE = 20;

    public static final int DEFAULT_POLL_MICROS = 100;
    /** Where the EEGMMIDB recordings are, relative to the repository root. */
    public static final Path DEFAULT_EEGMMIDB = Path.of("../shared/data/mi/eegmmidb");

    /**
     * @param channels EEG channels
     * @param rate Hz
     * @param seconds measured seconds (after warm-up)
     * @param warmupSeconds unmeasured seconds before, with bursts
     * @param seed signal seed
     * @param pipeline which detector
     * @param pollMicros kept for the command line; lsl4j inlets wait on the socket and return when bytes arrive
     * @param model the deep pipelines' model file, or null: trained by the benchmark ({@link BenchModels})
     * @param eegmmidb folder of the EEGMMIDB recordings the deep motor-imagery pipeline replays (and trains on)
     */
    public record Config(
            int channels,
            double rate,
            double seconds,
            double warmupSeconds,
            long seed,
            int pollMicros,
            Pipeline pipeline,
            Path model,
            Path eegmmidb) {
        public Config {
            Objects.requireNonNull(pipeline, "pipeline");
            if ((channels < 1 && pipeline != Pipeline.MI_DEEP)
                    || !(rate > 0)
                    || !(seconds > 0)
                    || !(warmupSeconds >= 0)
                    || pollMicros < 1) {
                throw new IllegalArgumentException(
                        "bench latency: need channels >= 1, rate > 0, seconds > 0, warmup >= 0, " + "poll >= 1 us; got "
                                + channels + ", " + rate + ", " + seconds + ", " + warmupSeconds + ", " + pollMicros);
            }
        }

        public Config(int channels, double rate, double seconds, double warmupSeconds, long seed) {
            this(channels, rate, seconds, warmupSeconds, seed, DEFAULT_POLL_MICROS, Pipeline.THRESHOLD);
        }

        public Config(
                int channels,
                double rate,
                double seconds,
                double warmupSeconds,
                long seed,
                int pollMicros,
                Pipeline pipeline) {
            this(channels, rate, seconds, warmupSeconds, seed, pollMicros, pipeline, null, DEFAULT_EEGMMIDB);
        }
    }

    /** What detects the planted events. */
    public enum Pipeline {
        /** Planted 400 µV bursts, rectified-amplitude threshold (150 µV) on the burst channel. */
        THRESHOLD,
        /** Planted sleep spindles, the causal spindle detector on Cz; the detector needs its warm-up first. */
        SPINDLES,
        /** Planted sleep spindles, the spindle network ({@code type: spindle-net}) on Cz. */
        SPINDLES_NET,
        /**
         * A recorded motor-imagery run (EEGMMIDB, 64 channels at 160 Hz) decoded by a fine-tuned simpleconv network
         * ({@code classifier: {type: simpleconv}}); the events are the decisions that must stimulate
         * ({@link MotorImageryReplaySignal}).
         */
        MI_DEEP;

        /** The name on the command line and in the shipped YAML's file name. */
        public String cliName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * @param events planted bursts in the measured period
     * @param detected of those, how many produced a marker
     * @param latency marker received − causing sample pushed, over detected events
     * @param falseStimulations markers not caused by a planted burst onset (whole run)
     * @param duplicateMarkers markers for an event already marked (whole run)
     * @param markersReceived all markers received (whole run)
     * @param backgroundMaxUv largest background amplitude on the trigger channel (threshold pipeline; NaN otherwise)
     * @param jobLatency per detected event, marker pushed by the job's sink (its acknowledgement) − causing sample
     *                   pushed: the EEG's LSL hop plus the Flink job
     * @param markerHop per detected event, marker received − marker pushed: the marker's LSL hop
     * @param operators operator names of the executed job plan
     * @param config the resolved config the job ran
     * @param inference per-decision inference time of the deep pipelines, measured offline on the same signal by
     *                  the code the operator runs; null for the others
     * @param model the deep pipelines' model file and whether the benchmark trained it, else null
     * @param channels channels of the published stream
     * @param rateHz its rate
     * @param plantedSeconds when each measured planted event's first sample was pushed, s after the first push
     * @param stimulationSeconds when each detected event's causing sample was pushed, s after the first push
     * @param latenciesMs per detected event, marker received − causing sample pushed, ms (same order)
     */
    public record Result(
            int events,
            int detected,
            LatencyStats latency,
            int falseStimulations,
            int duplicateMarkers,
            int markersReceived,
            double backgroundMaxUv,
            LatencyStats jobLatency,
            LatencyStats markerHop,
            List<String> operators,
            JsonNode config,
            LatencyStats inference,
            String model,
            int channels,
            double rateHz,
            double[] plantedSeconds,
            double[] stimulationSeconds,
            double[] latenciesMs,
            long jitCompileMsMeasured) {}

    private final Config config;
    private final Function<ResolvedConfig, NeuroLoopJob> jobFactory;

    public ClosedLoopLatencyBenchmark(Config config) {
        this(config, NeuroLoopJob::fromConfig);
    }

    /** With {@code jobFactory} building the job from the resolved config (e.g. with a dashboard's monitor sinks). */
    public ClosedLoopLatencyBenchmark(Config config, Function<ResolvedConfig, NeuroLoopJob> jobFactory) {
        this.config = config;
        this.jobFactory = jobFactory;
    }

    public Result run() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String eegName = "nl-latency-eeg-" + tag;
        String stimName = "nl-latency-stim-" + tag;
        double total = config.warmupSeconds() + config.seconds();
        Path ackDir = Files.createTempDirectory("nl-bench-latency");
        Path ackLog = ackDir.resolve("stim.jsonl");
        LatencyWorkload workload = LatencyWorkload.of(config, eegName, stimName, ackLog, ackDir);
        BenchmarkSignal signal = workload.signal();
        double rate = workload.rate();
        Path model = workload.model();
        ResolvedConfig resolved = workload.resolved();
        NeuroLoopJob job = jobFactory.apply(resolved);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        job.configure(env);
        job.build(env);
        List<String> operators = operators(env.getExecutionPlan());

        double[] pushed = new double[signal.length()];
        List<Received> received = new ArrayList<>();
        long jitMs = -1;
        try (StreamInfo info =
                        StreamInfo.create(eegName, "EEG", signal.channels(), rate, ChannelFormat.FLOAT32, eegName);
                LslOutlet outlet = new WireOutlet(info, 360)) {
            JobClient client = env.executeAsync("bench-latency");
            Thread receiver = null;
            try {
                if (!outlet.waitForConsumers(120)) {
                    throw new IllegalStateException(
                            "the Flink LSL source did not connect to " + eegName + " within 120 s");
                }
                List<StreamInfo> found = StreamResolver.resolveByProperty("name", stimName, 1, 60);
                if (found.isEmpty()) {
                    throw new IllegalStateException(
                            "the job's marker outlet " + stimName + " did not appear within 60 s");
                }
                LslInlet inlet = new WireInlet(found.get(0), 30);
                StreamResolver.closeAll(found);
                inlet.open(30);
                inlet.timeCorrection(5.0);
                int poll = 0;
                receiver = new Thread(() -> MarkerReceiver.receive(inlet, received, poll), "bench-latency-markers");
                receiver.start();
                LOG.info(
                        "bench latency: pushing {} s of {} channels at {} Hz with {} events",
                        total,
                        signal.channels(),
                        rate,
                        signal.events().size());
                // the pushing thread plays the amplifier, the receiver the stimulator: both at the priority a
                // dedicated acquisition program would run at, like the job's own threads
                MarkerReceiver.raisePeerThread();
                jitMs = push(signal, outlet, pushed, rate, (int) Math.round(config.warmupSeconds() * rate));
                LockSupport.parkNanos(500_000_000L); // last markers
            } finally {
                if (receiver != null) {
                    receiver.interrupt();
                    receiver.join(5000);
                }
                client.cancel().get();
            }
        }
        Map<String, Double> sent = sentTimes(ackLog);
        Files.deleteIfExists(ackLog);
        String modelNote = model == null
                ? null
                : config.model() != null
                        ? model.toString()
                        : "trained by the benchmark (" + model.getFileName() + ", deleted)";
        if (config.model() == null && model != null) {
            Files.deleteIfExists(model);
        }
        Files.deleteIfExists(ackDir);
        LatencyEvaluation e = LatencyEvaluation.of(
                signal.events(), pushed, received, sent, (int) Math.round(config.warmupSeconds() * rate));
        return new Result(
                e.events(),
                e.latenciesMs().length,
                e.latency(),
                e.falseStimulations(),
                e.duplicateMarkers(),
                e.markersReceived(),
                workload.background(),
                e.jobLatency(),
                e.markerHop(),
                operators,
                ResolvedConfigYaml.tree(resolved),
                workload.inference(),
                modelNote,
                signal.channels(),
                rate,
                e.plantedSeconds(),
                e.stimulationSeconds(),
                e.latenciesMs(),
                jitMs);
    }

    /** Operator names of an execution plan ({@link StreamExecutionEnvironment#getExecutionPlan()}), in plan order. */
    static List<String> operators(String plan) throws IOException {
        List<String> names = new ArrayList<>();
        for (JsonNode n : new ObjectMapper().readTree(plan).path("nodes")) {
            names.add(n.path("contents").asText(n.path("type").asText()));
        }
        return names;
    }

    /** The shipped YAML a pipeline runs (a classpath resource). */
    public static String configResource(Pipeline pipeline) {
        return LatencyConfigs.resource(pipeline);
    }

    /** Send times the sink acknowledged, by command id. */
    private static Map<String, Double> sentTimes(Path log) {
        Map<String, Double> sent = new HashMap<>();
        for (JsonNode n : JsonlStimulationLog.readAll(log)) {
            if (n.path("type").asText().equals("ack")
                    && n.path("ok").asBoolean()
                    && n.path("detail").asText().equals("sent")) {
                sent.put(n.path("commandId").asText(), n.path("sentTime").asDouble());
            }
        }
        return sent;
    }
    /**
     * One sample every 1/rate s, stamped with local_clock at push; records each push time. Returns the JIT's
     * compilation time (ms) from sample {@code measureFrom} to the end, or -1 where the JVM does not report it: code
     * still being compiled while the benchmark measures means the warm-up was too short for a steady state.
     */
    private static long push(BenchmarkSignal signal, LslOutlet outlet, double[] pushed, double rate, int measureFrom) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean jitTimed = jit != null && jit.isCompilationTimeMonitoringSupported();
        long jitAtStart = jitTimed && measureFrom <= 0 ? jit.getTotalCompilationTime() : 0;
        float[] row = new float[signal.channels()];
        double[] ts = new double[1];
        long period = Math.round(1e9 / rate);
        long start = System.nanoTime();
        for (int k = 0; k < signal.length(); k++) {
            long due = start + k * period;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (k == measureFrom && jitTimed) {
                jitAtStart = jit.getTotalCompilationTime();
            }
            signal.row(k, row);
            ts[0] = Lsl.localClock();
            outlet.pushChunk(row, 1, ts, true);
            pushed[k] = ts[0];
        }
        return jitTimed ? jit.getTotalCompilationTime() - jitAtStart : -1;
    }
}
