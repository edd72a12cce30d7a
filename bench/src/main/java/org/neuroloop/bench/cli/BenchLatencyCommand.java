package org.neuroloop.bench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.neuroloop.bench.latency.ClosedLoopLatencyBenchmark;
import org.neuroloop.closedloop.latency.LatencyStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neuroloop bench latency}: end-to-end closed-loop latency, planted event in a real LSL EEG stream to the
 * stimulation marker received by a separate LSL inlet, through the Flink job on the embedded MiniCluster.
 */
@Command(name = "latency", mixinStandardHelpOptions = true,
        description = "End-to-end closed-loop latency: planted event pushed to LSL -> Flink job -> LSL marker received.")
public final class BenchLatencyCommand implements Callable<Integer> {

    enum Pipeline { threshold, spindles }

    /** Warm-up used at least for the spindle pipeline: the detector's own 10 s warm-up plus margin. */
    static final double SPINDLE_WARMUP_S = 12;

    @Option(names = "--channels", defaultValue = "32", description = "EEG channels. Default: ${DEFAULT-VALUE}.")
    int channels;

    @Option(names = "--rate", defaultValue = "250", description = "Sampling rate, Hz; one sample per push. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--seconds", defaultValue = "60", description = "Measured seconds. Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Option(names = "--warmup", defaultValue = "5", description = "Unmeasured seconds first (with events, for JIT warm-up; at least 12 for spindles). Default: ${DEFAULT-VALUE}.")
    double warmup;

    @Option(names = "--pipeline", defaultValue = "threshold", description = "threshold or spindles. Default: ${DEFAULT-VALUE}.")
    Pipeline pipeline;

    @Option(names = "--seed", defaultValue = "1", description = "Signal seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--poll-us", defaultValue = "100", description = "Park between empty polls of liblsl inlets (job source and marker receiver), us. Default: ${DEFAULT-VALUE}.")
    int pollMicros;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ClosedLoopLatencyBenchmark.Pipeline which = pipeline == Pipeline.spindles
                ? ClosedLoopLatencyBenchmark.Pipeline.SPINDLES : ClosedLoopLatencyBenchmark.Pipeline.THRESHOLD;
        if (which == ClosedLoopLatencyBenchmark.Pipeline.SPINDLES && warmup < SPINDLE_WARMUP_S) {
            // the spindle detector decides nothing during its own warm-up; spindles there would count as misses
            warmup = SPINDLE_WARMUP_S;
        }
        ClosedLoopLatencyBenchmark.Config config;
        try {
            config = new ClosedLoopLatencyBenchmark.Config(channels, rate, seconds, warmup, seed, pollMicros, which);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        ClosedLoopLatencyBenchmark.Result r = new ClosedLoopLatencyBenchmark(config).run();
        LatencyStats l = r.latency();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pipeline", pipeline.name());
        out.put("channels", channels);
        out.put("rate_hz", rate);
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
        out.put("duplicate_markers", r.duplicateMarkers());
        out.put("markers_received", r.markersReceived());
        out.put("latency_definition", "LSL marker received by a separate inlet - causing sample pushed to the EEG outlet (local_clock)");
        out.put("job_definition", "marker pushed by the job's sink - causing sample pushed (EEG LSL hop + Flink job)");
        out.put("marker_hop_definition", "marker received - marker pushed (the marker's LSL hop)");
        out.put("lsl", "lsl4j at every hop");
        out.put("job", "NeuroLoopJob on the embedded MiniCluster from " + ClosedLoopLatencyBenchmark.configResource(which));
        out.put("operators", r.operators());
        out.put("config", r.config());
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("collectors", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(gc -> gc.getName()).collect(Collectors.joining(", ")));
        out.put("load_average_before", loadBefore);
        out.put("load_average_after", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        if (json) {
            System.out.println(new ObjectMapper().writeValueAsString(out));
        } else {
            System.out.printf("%d planted events, %d detected, %d false stimulations%n", r.events(), r.detected(), r.falseStimulations());
            System.out.printf("latency (marker received - causing sample pushed): p50 %.3f ms  p95 %.3f ms  p99 %.3f ms  max %.3f ms%n",
                    l.p50Ms(), l.p95Ms(), l.p99Ms(), l.maxMs());
            System.out.printf("  of which EEG LSL hop + job: p50 %.3f ms  p99 %.3f ms; marker LSL hop: p50 %.3f ms  p99 %.3f ms%n",
                    r.jobLatency().p50Ms(), r.jobLatency().p99Ms(), r.markerHop().p50Ms(), r.markerHop().p99Ms());
        }
        return r.detected() == r.events() && r.falseStimulations() == 0 ? 0 : 1;
    }
}
