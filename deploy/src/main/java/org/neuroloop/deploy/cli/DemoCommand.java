package org.neuroloop.deploy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.neuroloop.closedloop.latency.LatencyStats;
import org.neuroloop.closedloop.output.LslMarkerTransport;
import org.neuroloop.deploy.cluster.EmbeddedCluster;
import org.neuroloop.deploy.config.ConfigResolver;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.deploy.config.SessionConfigLoader;
import org.neuroloop.deploy.host.IdleCorePoller;
import org.neuroloop.deploy.job.NeuroLoopJob;
import org.neuroloop.deploy.job.SessionStreams;
import org.neuroloop.deploy.progress.Progress;
import org.neuroloop.dsp.record.DetectedEvent;
import org.neuroloop.dsp.record.StimulationCommand;
import org.neuroloop.ingest.synthetic.EventSchedule;
import org.neuroloop.ingest.synthetic.SignalLevels;
import org.neuroloop.ingest.synthetic.SyntheticEeg;
import org.neuroloop.ingest.synthetic.SyntheticEegConfig;
import org.neuroloop.ingest.synthetic.SyntheticOutlet;
import org.neuroloop.lsl4j.Lsl;
import org.neuroloop.lsl4j.StreamInfo;
import org.neuroloop.lsl4j.StreamInlet;
import org.neuroloop.lsl4j.StreamResolver;
import org.neuroloop.lsl4j.thread.RealtimeThreads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code neuroloop demo}: the whole closed loop on this machine, no hardware. Synthetic sleep EEG with planted
 * spindles is published through an lsl4j outlet; the main job ({@link NeuroLoopJob}, spindle-stimulation
 * pipeline) on the embedded MiniCluster (buffer timeout 0) reads it with the LSL source, detects spindles and sends
 * stimulation markers through an LSL marker outlet; a separate LSL inlet here receives them and measures the
 * end-to-end latency (marker received minus the timestamp of the sample that caused it, both on the LSL clock).
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description =
                "Closed-loop demo without hardware: synthetic EEG over LSL -> Flink job -> stimulation markers over LSL.")
public final class DemoCommand implements Callable<Integer> {
    static final String EEG = "NeuroLoopDemo-EEG";
    static final String STIM = "NeuroLoopDemo-Stim";
    /** The demo montage; Cz, where sleep spindles are strongest, is the detector's channel. */
    static final List<String> LABELS =
            List.of("Cz", "C3", "C4", "Fz", "Pz", "F3", "F4", "P3", "P4", "O1", "O2", "T7", "T8");

    static final int DETECTOR_CHANNEL = 0;
    /**
     * The spindle detector's own warm-up ({@code SpindleParameters.warmupSeconds}): spindles before it do not count.
     */
    static final double WARM_UP_S = 10;

    /**
     * The demo's EEG: stage-2 sleep (pink background, no waking alpha or mu rhythm in the sigma band) with planted
     * spindles, one sample per push like an amplifier streaming sample by sample.
     */
    static SyntheticEegConfig signal(double seconds, int channels, double rate, long seed) {
        return new SyntheticEegConfig(
                "demo",
                LABELS.subList(0, channels),
                rate,
                seed,
                1,
                seconds,
                Double.NaN,
                SignalLevels.sleep(),
                EventSchedule.sleep(seconds, 8, 0, seed));
    }

    @Option(
            names = "--seconds",
            defaultValue = "60",
            description =
                    "Seconds of EEG to stream (the spindle detector warms up for 10 s). Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Option(names = "--channels", defaultValue = "8", description = "EEG channels. Default: ${DEFAULT-VALUE}.")
    int channels;

    @Option(names = "--rate", defaultValue = "250", description = "Sampling rate, Hz. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--seed", defaultValue = "42", description = "Signal seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--web-ui",
            description = "Serve the Flink Web UI (per-session metrics) on 127.0.0.1:8081 while the demo runs.")
    boolean webUi;

    @Option(names = "--json", description = "Print the summary as one JSON object.")
    boolean json;

    @Mixin
    DashboardOption dashboard = new DashboardOption();

    @Mixin
    IdlePollOption idlePoll = new IdlePollOption();

    @Override
    public Integer call() throws Exception {
        if (!(seconds > 0) || channels < 1 || !(rate > 0)) {
            System.err.println("neuroloop demo: --seconds, --channels and --rate must be > 0");
            return 2;
        }
        String yaml = """
                name: demo
                sessions:
                  - id: demo
                    lsl: {name: %s, sourceId: neuroloop-demo-eeg, staleSeconds: 2, clockSync: false, dejitter: false}
                pipeline:
                  filters: [{type: highpass, low: 0.3, order: 2}]
                  detector: {type: spindles, channel: "%d"}
                  policy: {action: pulse, refractorySeconds: 2.0, maxPerMinute: 20, sessionBudget: 500}
                outputs:
                  - lsl: {name: %s, sourceId: neuroloop-demo-stim}
                flink: {parallelism: 1, bufferTimeoutMs: 0}
                """.formatted(EEG, DETECTOR_CHANNEL, STIM);
        ResolvedConfig config = new ConfigResolver("demo", Path.of("").toAbsolutePath())
                .resolve(SessionConfigLoader.parse(yaml, "demo"));
        if (channels > LABELS.size()) {
            System.err.println("neuroloop demo: at most " + LABELS.size() + " channels");
            return 2;
        }
        SyntheticEegConfig eeg = signal(seconds, channels, rate, seed);
        long planted = SyntheticEeg.truthMarkers(eeg, 0).stream()
                .filter(m -> m.label().equals(SyntheticEeg.SPINDLE_ONSET) && m.timestamp() >= WARM_UP_S)
                .count();

        NeuroLoopJob job = dashboard.job(config);
        EmbeddedCluster cluster = EmbeddedCluster.start(4, webUi ? 8081 : 0);
        StreamExecutionEnvironment env = cluster.environment(config);
        job.configure(env);
        SessionStreams streams = job.build(env);
        AtomicLong detections = new AtomicLong();
        CloseableIterator<DetectedEvent> events = streams.events().collectAsync();
        JobClient client = env.executeAsync("neuroloop demo");
        Thread eventDrain = new Thread(
                () -> {
                    try {
                        events.forEachRemaining(e -> {
                            if (e.kind().equals("spindle-onset")) {
                                detections.incrementAndGet();
                            }
                        });
                    } catch (RuntimeException ignored) {
                        // the job was cancelled at the end of the demo
                    }
                },
                "demo-events");
        eventDrain.setDaemon(true);
        eventDrain.start();

        List<Double> latencies = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        // with --json, stdout holds the summary object alone
        (json ? System.err : System.out)
                .printf(
                        "demo: %d channels @ %.0f Hz of synthetic sleep EEG for %.0f s over LSL '%s' -> Flink -> LSL markers '%s'%s;"
                                + " scheduling %s%n",
                        channels,
                        rate,
                        seconds,
                        EEG,
                        STIM,
                        webUi ? " (Flink Web UI: http://127.0.0.1:8081)" : "",
                        RealtimeThreads.describe());
        SyntheticOutlet outlet = SyntheticOutlet.start(eeg, EEG, "neuroloop-demo");
        StreamInlet stim = null;
        try (IdleCorePoller poller = idlePoll.start();
                Progress progress = Progress.timed("demo", seconds + 3)) {
            stim = openMarkerInlet(30);
            RealtimeThreads.raiseCurrentThread(); // this loop receives the markers like a stimulator
            String[] text = new String[64];
            double[] ts = new double[64];
            double end = Lsl.localClock() + seconds + 3;
            while (Lsl.localClock() < end) {
                int n = stim.pullStrings(text, ts, 0.05);
                double received = Lsl.localClock();
                for (int i = 0; i < n; i++) {
                    StimulationCommand cmd = LslMarkerTransport.parse(text[i]);
                    if (!ids.contains(cmd.id())) {
                        ids.add(cmd.id());
                        latencies.add(received - cmd.causeTimestamp());
                    }
                }
                progress.extra(String.format(
                        "samples %d, spindles detected %d, stimulations %d",
                        outlet.samplesPushed(), detections.get(), ids.size()));
            }
        } finally {
            if (stim != null) {
                stim.close();
            }
            client.cancel().get(); // first: the source must not see its stream vanish
            awaitTerminal(client, 10);
            outlet.close();
            events.close();
            cluster.close();
        }
        LatencyStats stats = LatencyStats.ofSeconds(
                latencies.stream().mapToDouble(Double::doubleValue).toArray());
        ObjectNode s = new ObjectMapper().createObjectNode();
        s.put("sessions", 1);
        s.put("samples", outlet.samplesPushed());
        s.put("planted_spindles", planted);
        s.put("detections", detections.get());
        s.put("stimulations", ids.size());
        s.put("latency_p50_ms", stats.p50Ms());
        s.put("latency_p95_ms", stats.p95Ms());
        s.put("latency_p99_ms", stats.p99Ms());
        s.put("latency_max_ms", stats.maxMs());
        if (json) {
            System.out.println(s);
        } else {
            System.out.printf(
                    "summary: 1 session, %d samples, %d planted spindles after warm-up, %d detected, %d stimulations%n",
                    outlet.samplesPushed(), planted, detections.get(), ids.size());
            if (!ids.isEmpty()) {
                System.out.printf(
                        "latency (sample -> marker received): p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                        stats.p50Ms(), stats.p95Ms(), stats.p99Ms(), stats.maxMs());
            }
        }
        dashboard.lingerAfterJob();
        return 0;
    }

    /**
     * Waits until the cancelled job has stopped: {@link JobClient#cancel()} completes when the request is accepted,
     * while the source task may still be reading its stream and would log the outlet's close as a lost stream.
     */
    private static void awaitTerminal(JobClient client, double timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (timeoutSeconds * 1e9);
        while (System.nanoTime() < deadline) {
            try {
                if (client.getJobStatus().get(1, TimeUnit.SECONDS).isGloballyTerminalState()) {
                    return;
                }
            } catch (ExecutionException e) {
                return; // the job is gone from the cluster: it has stopped
            } catch (TimeoutException e) {
                // no answer yet: ask again until the deadline
            }
            Thread.sleep(20);
        }
    }

    /** Waits for the job's stimulation outlet and opens an inlet on it. */
    static StreamInlet openMarkerInlet(double timeoutSeconds) {
        List<StreamInfo> found = StreamResolver.resolveByProperty("name", STIM, 1, timeoutSeconds);
        if (found.isEmpty()) {
            throw new IllegalStateException(
                    "the job's stimulation outlet '" + STIM + "' did not appear within " + timeoutSeconds + " s");
        }
        StreamInlet inlet = new StreamInlet(found.get(0));
        inlet.open(timeoutSeconds);
        StreamResolver.closeAll(found);
        return inlet;
    }
}
