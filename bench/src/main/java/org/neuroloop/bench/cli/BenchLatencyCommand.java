package org.neuroloop.bench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.neuroloop.bench.latency.BenchModels;
import org.neuroloop.bench.latency.ClosedLoopLatencyBenchmark;
import org.neuroloop.bench.latency.DashboardAttachment;
import org.neuroloop.bench.latency.MarkerReceiver;
import org.neuroloop.closedloop.latency.LatencyStats;
import org.neuroloop.deploy.cli.IdlePollOption;
import org.neuroloop.deploy.host.IdleCorePoller;
import org.neuroloop.deploy.progress.Progress;
import org.neuroloop.deploy.report.StimulationReport;
import org.neuroloop.lsl4j.thread.RealtimeThreads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code neuroloop bench latency}: end-to-end closed-loop latency, planted event in a real LSL EEG stream to the
 * stimulation marker received by a separate LSL inlet, through the Flink job on the embedded MiniCluster.
 */
@Command(
        name = "latency",
        mixinStandardHelpOptions = true,
        description =
                "End-to-end closed-loop latency: planted event pushed to LSL -> Flink job -> LSL marker received.")
public final class BenchLatencyCommand implements Callable<Integer> {

    /** The pipelines, as written on the command line. */
    static final Map<String, ClosedLoopLatencyBenchmark.Pipeline> PIPELINES = Map.of(
            "threshold", ClosedLoopLatencyBenchmark.Pipeline.THRESHOLD,
            "spindles", ClosedLoopLatencyBenchmark.Pipeline.SPINDLES,
            "spindles-net", ClosedLoopLatencyBenchmark.Pipeline.SPINDLES_NET,
            "mi-deep", ClosedLoopLatencyBenchmark.Pipeline.MI_DEEP);

    /** Warm-up used at least for the spindle pipeline: the detector's own 10 s warm-up plus margin. */
    static final double SPINDLE_WARMUP_S = 12;

    @Option(names = "--channels", defaultValue = "32", description = "EEG channels. Default: ${DEFAULT-VALUE}.")
    int channels;

    @Option(
            names = "--rate",
            defaultValue = "250",
            description = "Sampling rate, Hz; one sample per push. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--seconds", defaultValue = "60", description = "Measured seconds. Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Option(
            names = "--warmup",
            defaultValue = "20",
            description = "Unmeasured seconds first, with events: the JIT compiles the per-sample path within them"
                    + " (jit_compile_ms_measured in the JSON shows whether it was still compiling later); at least 12"
                    + " for spindles. Default: ${DEFAULT-VALUE}.")
    double warmup;

    @Option(
            names = "--pipeline",
            defaultValue = "threshold",
            description = "threshold, spindles, spindles-net (the"
                    + " spindle network) or mi-deep (simpleconv on EEGMMIDB S001R08, 64 channels at 160 Hz: --channels and --rate"
                    + " do not apply). Default: ${DEFAULT-VALUE}.")
    String pipeline;

    @Option(
            names = "--model",
            description =
                    "spindles-net / mi-deep: the model to run (NET.model from 'train spindles',"
                            + " or a simpleconv model fine-tuned on S001); default: a network of the default size the benchmark trains"
                            + " first in seconds (spindles-net: on synthetic sleep EEG; mi-deep: on S006R04, fine-tuned on S001R04).")
    Path model;

    @Option(
            names = "--data",
            defaultValue = "../shared/data/mi/eegmmidb",
            description = "mi-deep: folder of the"
                    + " EEGMMIDB recordings (replayed S001R08.edf, training files). Default: ${DEFAULT-VALUE}.")
    Path data;

    @Option(names = "--seed", defaultValue = "1", description = "Signal seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--poll-us",
            defaultValue = "100",
            description =
                    "Park between empty polls of liblsl inlets (job source and marker receiver), us. Default: ${DEFAULT-VALUE}.")
    int pollMicros;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Option(
            names = "--dashboard-compare",
            description = "Run twice in this process, without and then with a live"
                    + " dashboard attached (monitor sinks, server, a client reading its event stream); report both.")
    boolean dashboardCompare;

    @Mixin
    IdlePollOption idlePoll = new IdlePollOption();

    @Option(
            names = "--free-peers",
            description = "Leave the benchmark's own amplifier and stimulator threads off the CPU the decision path is"
                    + " pinned to (they stay at real-time priority), as separate programs would be.")
    boolean freePeers;

    @Option(
            names = "--report",
            paramLabel = "FILE.html",
            description = "Also write an HTML report: stimulation timeline" + " and latency histogram.")
    Path report;

    @Override
    public Integer call() throws Exception {
        System.setProperty(MarkerReceiver.FREE_PEERS, Boolean.toString(freePeers));
        ClosedLoopLatencyBenchmark.Pipeline which = PIPELINES.get(pipeline);
        if (which == null) {
            System.err.println("--pipeline: '" + pipeline + "' is not one of " + new TreeSet<>(PIPELINES.keySet()));
            return 2;
        }
        if (model != null
                && which != ClosedLoopLatencyBenchmark.Pipeline.SPINDLES_NET
                && which != ClosedLoopLatencyBenchmark.Pipeline.MI_DEEP) {
            System.err.println("--model: only the deep pipelines (spindles-net, mi-deep) take a model");
            return 2;
        }
        if (model != null && !Files.isRegularFile(model)) {
            System.err.println("--model: no such file " + model);
            return 2;
        }
        if (which == ClosedLoopLatencyBenchmark.Pipeline.MI_DEEP
                && !Files.isRegularFile(data.resolve(BenchModels.MI_REPLAY))) {
            System.err.println("--data: no " + BenchModels.MI_REPLAY + " in " + data);
            return 2;
        }
        boolean sleep = which == ClosedLoopLatencyBenchmark.Pipeline.SPINDLES
                || which == ClosedLoopLatencyBenchmark.Pipeline.SPINDLES_NET;
        if (sleep && warmup < SPINDLE_WARMUP_S) {
            // the spindle detector decides nothing during its own warm-up; spindles there would count as misses
            warmup = SPINDLE_WARMUP_S;
        }
        ClosedLoopLatencyBenchmark.Config config;
        try {
            config = new ClosedLoopLatencyBenchmark.Config(
                    channels, rate, seconds, warmup, seed, pollMicros, which, model, data);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        ClosedLoopLatencyBenchmark.Result r;
        ClosedLoopLatencyBenchmark.Result withDashboard = null;
        long dashboardBytes = 0;
        int pollingLoops;
        try (IdleCorePoller poller = idlePoll.start()) {
            pollingLoops = poller.polling();
            try (Progress progress = Progress.timed("bench latency", warmup + seconds)) {
                r = new ClosedLoopLatencyBenchmark(config).run();
            }
            if (dashboardCompare) {
                try (DashboardAttachment attached = new DashboardAttachment();
                        Progress progress = Progress.timed("bench latency with dashboard", warmup + seconds)) {
                    withDashboard = new ClosedLoopLatencyBenchmark(config, attached).run();
                    dashboardBytes = attached.bytesRead();
                }
            }
        }
        LatencyStats l = r.latency();
        if (report != null) {
            new StimulationReport(
                            "Closed-loop latency: " + pipeline,
                            r.events() + " planted events after "
                                    + warmup + " s of warm-up, " + r.detected() + " stimulated, "
                                    + r.falseStimulations()
                                    + " false stimulations; " + channels + " channels at " + rate + " Hz, " + seconds
                                    + " s measured.")
                    .timeAxis("time since the first sample (s)")
                    .row("planted events", r.plantedSeconds(), false)
                    .row("stimulations (marker received)", r.stimulationSeconds(), true)
                    .latencies(
                            r.latenciesMs(),
                            "LSL marker received by a separate inlet − causing sample pushed" + " to the EEG outlet")
                    .page()
                    .write(report);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pipeline", pipeline);
        boolean mi = which == ClosedLoopLatencyBenchmark.Pipeline.MI_DEEP;
        out.put("channels", r.channels());
        out.put("rate_hz", r.rateHz());
        out.put("seconds", seconds);
        out.put("warmup_seconds", warmup);
        out.put("events", r.events());
        out.put("detected", r.detected());
        out.put("p50_ms", l.p50Ms());
        out.put("p95_ms", l.p95Ms());
        out.put("p99_ms", l.p99Ms());
        out.put("max_ms", l.maxMs());
        out.put("mean_ms", l.meanMs());
        out.put("false_stimulations", r.falseStimulations());
        out.put("job_p50_ms", r.jobLatency().p50Ms());
        out.put("job_p99_ms", r.jobLatency().p99Ms());
        out.put("marker_hop_p50_ms", r.markerHop().p50Ms());
        out.put("marker_hop_p99_ms", r.markerHop().p99Ms());
        if (r.inference() != null) {
            out.put("inference_decisions", r.inference().count());
            out.put("inference_p50_ms", r.inference().p50Ms());
            out.put("inference_p99_ms", r.inference().p99Ms());
            out.put("inference_max_ms", r.inference().maxMs());
            out.put(
                    "inference_definition",
                    "one decision of the network outside the job, same code as its operator"
                            + " (window, " + (mi ? "alignment, resampling, " : "front end, ")
                            + "forward pass on one PyTorch"
                            + " thread" + (mi ? "" : ", event rule") + "), over the benchmark's signal after "
                            + "20 warm-up decisions");
            out.put("model", r.model());
        }
        out.put("jit_compile_ms_measured", r.jitCompileMsMeasured());
        out.put("stimulation_seconds", r.stimulationSeconds());
        out.put("latencies_ms", r.latenciesMs());
        out.put("duplicate_markers", r.duplicateMarkers());
        out.put("markers_received", r.markersReceived());
        out.put(
                "latency_definition",
                "LSL marker received by a separate inlet - causing sample pushed to the EEG outlet (local_clock)");
        out.put("job_definition", "marker pushed by the job's sink - causing sample pushed (EEG LSL hop + Flink job)");
        out.put("marker_hop_definition", "marker received - marker pushed (the marker's LSL hop)");
        out.put("lsl", "lsl4j at every hop");
        out.put(
                "job",
                "NeuroLoopJob on the embedded MiniCluster from " + ClosedLoopLatencyBenchmark.configResource(which));
        out.put("operators", r.operators());
        out.put("config", r.config());
        if (withDashboard != null) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("detected", withDashboard.detected());
            d.put("false_stimulations", withDashboard.falseStimulations());
            d.put("p50_ms", withDashboard.latency().p50Ms());
            d.put("p99_ms", withDashboard.latency().p99Ms());
            d.put("max_ms", withDashboard.latency().maxMs());
            d.put("p50_rise_ms", withDashboard.latency().p50Ms() - l.p50Ms());
            d.put("p99_rise_ms", withDashboard.latency().p99Ms() - l.p99Ms());
            d.put("event_stream_bytes", dashboardBytes);
            d.put(
                    "definition",
                    "second run in the same process, job with the dashboard's monitor sinks and control"
                            + " stream, dashboard server in this process, a client reading /events throughout");
            out.put("with_dashboard", d);
        }
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("idle_poll_loops", pollingLoops);
        out.put("realtime_priority", RealtimeThreads.priority());
        out.put("realtime_threads", RealtimeThreads.raised());
        out.put("realtime_cpu", RealtimeThreads.cpu());
        out.put("peers_pinned", RealtimeThreads.cpu() >= 0 && !freePeers);
        out.put(
                "collectors",
                ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(gc -> gc.getName())
                        .collect(Collectors.joining(", ")));
        out.put("load_average_before", loadBefore);
        out.put(
                "load_average_after",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        if (json) {
            System.out.println(new ObjectMapper().writeValueAsString(out));
        } else {
            System.out.printf(
                    "%d planted events, %d detected, %d false stimulations%n",
                    r.events(), r.detected(), r.falseStimulations());
            System.out.printf(
                    "latency (marker received - causing sample pushed): p50 %.3f ms  p95 %.3f ms  p99 %.3f ms  max %.3f ms%n",
                    l.p50Ms(), l.p95Ms(), l.p99Ms(), l.maxMs());
            System.out.printf(
                    "  of which EEG LSL hop + job: p50 %.3f ms  p99 %.3f ms; marker LSL hop: p50 %.3f ms  p99 %.3f ms%n",
                    r.jobLatency().p50Ms(),
                    r.jobLatency().p99Ms(),
                    r.markerHop().p50Ms(),
                    r.markerHop().p99Ms());
            if (r.inference() != null) {
                System.out.printf(
                        "per-decision inference (%d decisions): p50 %.3f ms  p99 %.3f ms; model: %s%n",
                        r.inference().count(),
                        r.inference().p50Ms(),
                        r.inference().p99Ms(),
                        r.model());
            }
        }
        if (withDashboard != null && !json) {
            System.out.printf(
                    "with a dashboard attached: p50 %.3f ms (%+.3f)  p99 %.3f ms (%+.3f);" + " %d of %d detected%n",
                    withDashboard.latency().p50Ms(),
                    withDashboard.latency().p50Ms() - l.p50Ms(),
                    withDashboard.latency().p99Ms(),
                    withDashboard.latency().p99Ms() - l.p99Ms(),
                    withDashboard.detected(),
                    withDashboard.events());
        }
        return r.detected() == r.events() && r.falseStimulations() == 0 ? 0 : 1;
    }
}
