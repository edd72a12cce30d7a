package org.neuroloop.bench.latency;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.neuroloop.classifiers.sleep.SpindleParameters;
import org.neuroloop.closedloop.latency.LatencyStats;
import org.neuroloop.closedloop.output.JsonlStimulationLog;
import org.neuroloop.closedloop.output.LslMarkerTransport;
import org.neuroloop.closedloop.output.TransportSpec;
import org.neuroloop.closedloop.output.flink.StimulationSink;
import org.neuroloop.closedloop.policy.PolicyConfig;
import org.neuroloop.closedloop.policy.StimulationPolicy;
import org.neuroloop.closedloop.trigger.AmplitudeThresholdTrigger;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.StimulationCommand;
import org.neuroloop.ingest.flink.LslSource;
import org.neuroloop.ingest.flink.LslSourceSettings;
import org.neuroloop.ingest.flink.LslStreamQuery;
import org.neuroloop.ingest.flink.LslWatermarks;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.Lsl;
import org.neuroloop.lsl4j.StreamInfo;
import org.neuroloop.ingest.lsl.LslImplementation;
import org.neuroloop.lsl4j.LslInlet;
import org.neuroloop.lsl4j.LslOutlet;
import org.neuroloop.lsl4j.StreamResolver;
import org.neuroloop.lsl4j.time.TimestampSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * End-to-end closed-loop latency on one machine, with real components only:
 * <ol>
 *   <li>an LSL outlet (NeuroLoop's wire outlet by default, or liblsl's) publishes synthetic EEG with planted bursts, one sample per push at the nominal rate, each
 *       stamped with {@code local_clock()} at push;</li>
 *   <li>a Flink job on the embedded MiniCluster (parallelism 1, buffer timeout 0, object reuse, operators chained)
 *       reads it with {@link LslSource}, detects the events ({@link AmplitudeThresholdTrigger} for planted bursts,
 *       or h6's spindle detector for planted spindles), applies the
 *       {@link StimulationPolicy} and publishes each command as an LSL marker ({@link StimulationSink} with
 *       {@link LslMarkerTransport});</li>
 *   <li>a separate LSL inlet (NeuroLoop's wire inlet by default, or liblsl's) receives the markers and stamps
 *       {@code local_clock()} when each arrives.</li>
 * </ol>
 * The latency of a planted event is (marker received) − (push time of the causing sample, the one the marker's
 * cause timestamp names). A marker whose cause lies outside every planted event (a burst's first sample, a
 * spindle's onset..end) is a false stimulation. Bursts during the warm-up
 * (JIT compilation) are delivered but not counted.
 */
public final class ClosedLoopLatencyBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(ClosedLoopLatencyBenchmark.class);

    /** Detector threshold, µV: an order of magnitude above the synthetic background, well below a burst. */
    public static final double THRESHOLD_UV = 150;
    public static final double BURST_UV = 400;
    public static final int BURST_SAMPLES = 5;
    /** Planted spindle rate of the spindle pipeline (plus 4 slow oscillations per minute). */
    public static final double SPINDLES_PER_MINUTE = 20;
    /** Causing sample and marker cause timestamp must agree within this (clock-sync offset on one host is µs). */
    static final double MATCH_TOLERANCE_S = 0.001;
    public static final int DEFAULT_POLL_MICROS = 100;

    /**
     * @param channels EEG channels
     * @param rate Hz
     * @param seconds measured seconds (after warm-up)
     * @param warmupSeconds unmeasured seconds before, with bursts
     * @param seed signal seed
     * @param pipeline which detector
     * @param pollMicros park between empty non-waiting polls of liblsl inlets, in the job's LSL source and in the
     *                   marker receiver (liblsl 1.10's waiting pulls poll every 1 ms); wire inlets wait on the socket
     * @param eegOutlet what publishes the EEG
     * @param inlet what reads the EEG in the job and the markers in the receiver
     * @param markerOutlet what publishes the job's stimulation markers
     */
    public record Config(int channels, double rate, double seconds, double warmupSeconds, long seed, int pollMicros,
                         Pipeline pipeline, LslImplementation eegOutlet, LslImplementation inlet,
                         LslImplementation markerOutlet) {
        public Config {
            Objects.requireNonNull(pipeline, "pipeline");
            Objects.requireNonNull(eegOutlet, "eegOutlet");
            Objects.requireNonNull(inlet, "inlet");
            Objects.requireNonNull(markerOutlet, "markerOutlet");
            if (channels < 1 || !(rate > 0) || !(seconds > 0) || !(warmupSeconds >= 0) || pollMicros < 1) {
                throw new IllegalArgumentException("bench latency: need channels >= 1, rate > 0, seconds > 0, warmup >= 0, "
                        + "poll >= 1 us; got " + channels + ", " + rate + ", " + seconds + ", " + warmupSeconds + ", " + pollMicros);
            }
        }

        /** NeuroLoop's wire LSL code at every hop (see {@link LslImplementation#WIRE}). */
        public Config(int channels, double rate, double seconds, double warmupSeconds, long seed, int pollMicros, Pipeline pipeline) {
            this(channels, rate, seconds, warmupSeconds, seed, pollMicros, pipeline, LslImplementation.WIRE,
                    LslImplementation.WIRE, LslImplementation.WIRE);
        }

        public Config(int channels, double rate, double seconds, double warmupSeconds, long seed) {
            this(channels, rate, seconds, warmupSeconds, seed, DEFAULT_POLL_MICROS, Pipeline.THRESHOLD);
        }
    }

    /** What detects the planted events. */
    public enum Pipeline {
        /** Planted 400 µV bursts, rectified-amplitude threshold (150 µV) on the burst channel. */
        THRESHOLD,
        /** Planted sleep spindles, h6's causal spindle detector on Cz; the detector needs its warm-up first. */
        SPINDLES
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
     */
    public record Result(int events, int detected, LatencyStats latency, int falseStimulations, int duplicateMarkers,
                         int markersReceived, double backgroundMaxUv, LatencyStats jobLatency, LatencyStats markerHop) {
    }

    private final Config config;

    public ClosedLoopLatencyBenchmark(Config config) {
        this.config = config;
    }

    /** Policy of the benchmark: every burst is a crossing; 0.2 s refractory, 300/min, no practical budget. */
    public static PolicyConfig policyConfig() {
        return PolicyConfig.defaults().withAction("pulse").withLimits(0.2, 300, 1_000_000);
    }

    /**
     * Source settings: outlet and job share one host and so one LSL clock; clock sync would only add its estimation
     * error (ms under load), dejitter would move timestamps away from push times. Short non-waiting polls.
     */
    static LslSourceSettings sourceSettings(String name, int pollMicros, LslImplementation inlet) {
        return LslSourceSettings.of(LslStreamQuery.name(name)).withSessionIds(Map.of(name, "bench"))
                .withTimestamps(TimestampSettings.defaults().withDejitter(false).withClockSync(false)).withPollIntervalMicros(pollMicros)
                .withImplementation(inlet);
    }

    public Result run() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String eegName = "nl-latency-eeg-" + tag;
        String stimName = "nl-latency-stim-" + tag;
        double total = config.warmupSeconds() + config.seconds();
        BenchmarkSignal signal;
        ClosedLoopJob.DecisionStage stage;
        double background = Double.NaN;
        if (config.pipeline() == Pipeline.THRESHOLD) {
            PlantedBurstSignal bursts = new PlantedBurstSignal(config.channels(), config.rate(), total, 0, BURST_UV,
                    BURST_SAMPLES, Math.min(1.0, total / 4), 0.4, 0.6, config.seed());
            background = bursts.maxBackgroundUv(0, BURST_SAMPLES);
            if (background >= THRESHOLD_UV / 2) {
                throw new IllegalStateException("benchmark signal background reaches " + background + " µV, too close to the threshold");
            }
            signal = bursts;
            stage = ClosedLoopJob.threshold(new AmplitudeThresholdTrigger(0, THRESHOLD_UV, THRESHOLD_UV / 2));
        } else {
            SleepSpindleSignal sleep = new SleepSpindleSignal(config.channels(), config.rate(), total, SPINDLES_PER_MINUTE, config.seed());
            signal = sleep;
            stage = ClosedLoopJob.spindles(sleep.czChannel(), config.rate(), SpindleParameters.defaults());
        }

        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.setBufferTimeout(0);
        Path ackDir = Files.createTempDirectory("nl-bench-latency");
        Path ackLog = ackDir.resolve("stim.jsonl");
        DataStream<Chunk> chunks = env.fromSource(LslSource.chunks(sourceSettings(eegName, config.pollMicros(), config.inlet())), LslWatermarks.followNewestSample(), "lsl-eeg");
        new ClosedLoopJob(stage, new StimulationPolicy(policyConfig())).attach(chunks, new StimulationSink(
                new TransportSpec.LslMarkers(stimName, stimName, config.markerOutlet()), ackLog.toString()));

        double[] pushed = new double[signal.length()];
        List<Received> received = new ArrayList<>();
        try (StreamInfo info = StreamInfo.create(eegName, "EEG", config.channels(), config.rate(), ChannelFormat.FLOAT32, eegName);
             LslOutlet outlet = config.eegOutlet().openOutlet(info, 360)) {
            JobClient job = env.executeAsync("bench-latency");
            Thread receiver = null;
            try {
                if (!outlet.waitForConsumers(120)) {
                    throw new IllegalStateException("the Flink LSL source did not connect to " + eegName + " within 120 s");
                }
                List<StreamInfo> found = StreamResolver.resolveByProperty("name", stimName, 1, 60);
                if (found.isEmpty()) {
                    throw new IllegalStateException("the job's marker outlet " + stimName + " did not appear within 60 s");
                }
                LslInlet inlet = config.inlet().openInlet(found.get(0), 30);
                StreamResolver.closeAll(found);
                inlet.open(30);
                inlet.timeCorrection(5.0);
                int poll = config.inlet() == LslImplementation.LIBLSL ? config.pollMicros() : 0;
                receiver = new Thread(() -> receive(inlet, received, poll), "bench-latency-markers");
                receiver.start();
                LOG.info("bench latency: pushing {} s of {} channels at {} Hz with {} bursts", total, config.channels(),
                        config.rate(), signal.events().size());
                push(signal, outlet, pushed);
                LockSupport.parkNanos(500_000_000L); // last markers
            } finally {
                if (receiver != null) {
                    receiver.interrupt();
                    receiver.join(5000);
                }
                job.cancel().get();
            }
        }
        Map<String, Double> sent = sentTimes(ackLog);
        Files.deleteIfExists(ackLog);
        Files.deleteIfExists(ackDir);
        return evaluate(signal, pushed, received, background, sent);
    }

    /** A marker as the receiving inlet saw it. */
    record Received(double time, String id, double cause) {
    }

    /** Send times the sink acknowledged, by command id. */
    private static Map<String, Double> sentTimes(Path log) {
        Map<String, Double> sent = new java.util.HashMap<>();
        for (JsonNode n : JsonlStimulationLog.readAll(log)) {
            if (n.path("type").asText().equals("ack") && n.path("ok").asBoolean() && n.path("detail").asText().equals("sent")) {
                sent.put(n.path("commandId").asText(), n.path("sentTime").asDouble());
            }
        }
        return sent;
    }

    /**
     * Receives markers like a stimulation device would: waiting pulls ({@code pollMicros == 0}, a wire inlet), or
     * non-waiting pulls with short parks in between, because a waiting pull in liblsl 1.10 polls its queue only
     * every 1 ms.
     */
    private static void receive(LslInlet inlet, List<Received> received, int pollMicros) {
        String[] label = new String[1];
        double[] ts = new double[1];
        double timeout = pollMicros == 0 ? 0.1 : 0.0;
        try (inlet) {
            while (!Thread.currentThread().isInterrupted()) {
                int n = inlet.pullStrings(label, ts, timeout);
                double now = Lsl.localClock();
                if (n == 0 && pollMicros > 0) {
                    LockSupport.parkNanos(pollMicros * 1000L);
                } else if (n > 0) {
                    try {
                        StimulationCommand cmd = LslMarkerTransport.parse(label[0]);
                        synchronized (received) {
                            received.add(new Received(now, cmd.id(), cmd.causeTimestamp()));
                        }
                    } catch (java.io.IOException e) {
                        LOG.warn("bench latency: unreadable marker '{}': {}", label[0], e.getMessage());
                    }
                }
            }
        } catch (org.neuroloop.lsl4j.LslLostException e) {
            if (!Thread.currentThread().isInterrupted()) {
                LOG.warn("bench latency: the job's marker stream was lost before the end: {}", e.getMessage());
            }
        }
    }

    /** One sample every 1/rate s, stamped with local_clock at push; records each push time. */
    private void push(BenchmarkSignal signal, LslOutlet outlet, double[] pushed) {
        float[] row = new float[signal.channels()];
        double[] ts = new double[1];
        long period = Math.round(1e9 / config.rate());
        long start = System.nanoTime();
        for (int k = 0; k < signal.length(); k++) {
            long due = start + k * period;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            signal.row(k, row);
            ts[0] = Lsl.localClock();
            outlet.pushChunk(row, 1, ts, true);
            pushed[k] = ts[0];
        }
    }

    private Result evaluate(BenchmarkSignal signal, double[] pushed, List<Received> received, double background,
                            Map<String, Double> sent) {
        List<BenchmarkSignal.EventWindow> windows = signal.events();
        int measureFrom = (int) Math.round(config.warmupSeconds() * config.rate());
        Received[] first = new Received[windows.size()];
        int[] cause = new int[windows.size()];
        int falseStims = 0;
        int duplicates = 0;
        List<Received> markers;
        synchronized (received) {
            markers = new ArrayList<>(received);
        }
        for (Received m : markers) {
            int k = nearest(pushed, m.cause());
            int j = k < 0 || Math.abs(pushed[k] - m.cause()) > MATCH_TOLERANCE_S ? -1 : windowOf(windows, k);
            if (j < 0) {
                falseStims++;
            } else if (first[j] != null) {
                duplicates++;
            } else {
                first[j] = m;
                cause[j] = k;
            }
        }
        int events = 0;
        List<Double> total = new ArrayList<>();
        List<Double> job = new ArrayList<>();
        List<Double> hop = new ArrayList<>();
        for (int j = 0; j < windows.size(); j++) {
            if (windows.get(j).firstSample() < measureFrom) {
                continue;
            }
            events++;
            if (first[j] != null) {
                double pushedAt = pushed[cause[j]];
                total.add(first[j].time() - pushedAt);
                Double s = sent.get(first[j].id());
                if (s != null) {
                    job.add(s - pushedAt);
                    hop.add(first[j].time() - s);
                }
            }
        }
        return new Result(events, total.size(), stats(total), falseStims, duplicates, markers.size(), background,
                stats(job), stats(hop));
    }

    /** Index of the event window holding sample {@code k}, or -1. */
    private static int windowOf(List<BenchmarkSignal.EventWindow> windows, int k) {
        int lo = 0;
        int hi = windows.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            BenchmarkSignal.EventWindow w = windows.get(mid);
            if (k < w.firstSample()) {
                hi = mid - 1;
            } else if (k > w.lastSample()) {
                lo = mid + 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    private static LatencyStats stats(List<Double> seconds) {
        return LatencyStats.ofSeconds(seconds.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static int nearest(double[] ascending, double t) {
        int i = Arrays.binarySearch(ascending, t);
        if (i >= 0) {
            return i;
        }
        int ins = -i - 1;
        if (ins == 0) {
            return ascending.length == 0 ? -1 : 0;
        }
        if (ins == ascending.length) {
            return ins - 1;
        }
        return t - ascending[ins - 1] <= ascending[ins] - t ? ins - 1 : ins;
    }
}
