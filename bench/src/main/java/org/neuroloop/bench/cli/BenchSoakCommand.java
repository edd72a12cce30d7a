package org.neuroloop.bench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuroloop.bench.HeapTrend;
import org.neuroloop.bench.SoakBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code neuroloop bench soak}: N real-time sessions for M minutes on one embedded MiniCluster, measured while they
 * run (see {@link SoakBenchmark}); progress to stderr, the figures to stdout.
 */
@Command(
        name = "soak",
        mixinStandardHelpOptions = true,
        description = "N real-time sessions for M minutes: heap after GC over time (slope), lag per interval, lost "
                + "samples, CPU per session-second.")
public final class BenchSoakCommand implements Callable<Integer> {

    @Option(names = "--sessions", required = true, description = "Concurrent sessions.")
    int sessions;

    @Option(names = "--minutes", required = true, description = "Length of the run (of every session), minutes.")
    double minutes;

    @Option(
            names = "--interval-seconds",
            defaultValue = "60",
            description = "Measuring interval (heap after GC, lag percentiles), s. Default: ${DEFAULT-VALUE}.")
    double intervalSeconds;

    @Option(
            names = "--warmup",
            defaultValue = "30",
            description = "Start-up window after submission, reported apart, s. Default: ${DEFAULT-VALUE}.")
    double warmup;

    @Option(
            names = "--lag-bound-ms",
            defaultValue = "100",
            description = "p99 chunk lag every steady interval should stay under, ms (reported, with the intervals "
                    + "that did). Default: ${DEFAULT-VALUE}.")
    double lagBoundMs;

    @Mixin
    SessionOptions session;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        SoakBenchmark.Settings settings;
        try {
            if (session.channels < 1 || !(session.rate >= 80) || session.chunkSamples < 1) {
                throw new IllegalArgumentException("--channels and --chunk-samples must be >= 1 and --rate >= 80 Hz");
            }
            settings = new SoakBenchmark.Settings(
                    sessions,
                    session.channels,
                    session.rate,
                    session.chunkSamples,
                    minutes,
                    intervalSeconds,
                    warmup,
                    session.parallelismOrCores(),
                    lagBoundMs);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        SoakBenchmark.Result r = new SoakBenchmark(settings, System.err::println).run();
        Map<String, Object> out = summary(r);
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", cores);
        machine.put("max_heap_mb", Runtime.getRuntime().maxMemory() / 1048576.0);
        machine.put("committed_heap_mb_end", Runtime.getRuntime().totalMemory() / 1048576.0);
        machine.put("load_average_start", loadBefore);
        machine.put(
                "load_average_end", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        machine.put(
                "load_average_mean",
                r.intervals().stream()
                        .mapToDouble(SoakBenchmark.Interval::loadAverage)
                        .average()
                        .orElse(Double.NaN));
        out.put("machine", machine);
        if (json) {
            System.out.println(new ObjectMapper().writeValueAsString(out));
        } else {
            HeapTrend h = r.heap();
            System.out.printf(
                    Locale.ROOT,
                    "%d sessions x %d ch @ %.0f Hz for %.1f min: %s%n",
                    sessions,
                    session.channels,
                    session.rate,
                    minutes,
                    r.completed() ? "completed" : "FAILED: " + r.failure());
            System.out.printf(
                    Locale.ROOT,
                    "samples: %d produced, %d seen, %d lost, %d twice%n",
                    r.samplesProduced(),
                    r.samplesSeen(),
                    r.samplesLost(),
                    r.samplesDuplicated());
            System.out.printf(
                    Locale.ROOT,
                    "lag after start-up: p50 %.1f ms, p99 %.1f ms, max %.1f ms; worst interval p99 %.1f ms, "
                            + "%d of %d intervals p99 < %.0f ms%n",
                    r.p50LagMs(),
                    r.p99LagMs(),
                    r.maxLagMs(),
                    out.get("worst_interval_p99_lag_ms"),
                    out.get("intervals_p99_under_bound"),
                    out.get("intervals_steady"),
                    lagBoundMs);
            System.out.printf(
                    Locale.ROOT,
                    "heap after GC (%s): %.1f -> %.1f MiB, slope %.2f +- %.2f MiB/h (%s)%n",
                    String.join(", ", r.collectors()),
                    h.firstMb(),
                    h.lastMb(),
                    h.slopeMbPerHour(),
                    h.slopeStdErrMbPerHour(),
                    h.withinNoise() ? "within noise" : "outside 2 standard errors");
            System.out.printf(Locale.ROOT, "CPU: %.5f s per session-second%n", r.cpuSecondsPerSessionSecond());
        }
        return r.completed() && r.samplesLost() == 0 && r.samplesDuplicated() == 0 ? 0 : 1;
    }

    static Map<String, Object> summary(SoakBenchmark.Result r) {
        SoakBenchmark.Settings s = r.settings();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sessions", s.sessions());
        out.put("channels", s.channels());
        out.put("rate", s.rate());
        out.put("chunk_samples", s.chunkSamples());
        out.put("minutes", s.minutes());
        out.put("interval_seconds", s.intervalSeconds());
        out.put("warmup_seconds", s.warmupSeconds());
        out.put("parallelism", s.parallelism());
        out.put("completed", r.completed());
        out.put("failure", r.failure());
        out.put("samples_produced", r.samplesProduced());
        out.put("samples_seen", r.samplesSeen());
        out.put("samples_lost", r.samplesLost());
        out.put("samples_duplicated", r.samplesDuplicated());
        out.put("p50_lag_ms", r.p50LagMs());
        out.put("p99_lag_ms", r.p99LagMs());
        out.put("max_lag_ms", r.maxLagMs());
        List<SoakBenchmark.Interval> steady =
                r.intervals().stream().filter(i -> !i.startup()).toList();
        out.put(
                "worst_interval_p99_lag_ms",
                steady.stream()
                        .mapToDouble(SoakBenchmark.Interval::p99LagMs)
                        .filter(Double::isFinite)
                        .max()
                        .orElse(Double.NaN));
        long under = steady.stream().filter(i -> i.p99LagMs() < s.lagBoundMs()).count();
        out.put("lag_bound_ms", s.lagBoundMs());
        out.put("intervals_steady", steady.size());
        out.put("intervals_p99_under_bound", under);
        out.put("p99_under_bound_throughout", !steady.isEmpty() && under == steady.size());
        out.put("startup_max_lag_ms", r.startupMaxLagMs());
        out.put("cpu_seconds_per_session_second", r.cpuSecondsPerSessionSecond());
        HeapTrend h = r.heap();
        Map<String, Object> heap = new LinkedHashMap<>();
        heap.put("samples", h.samples());
        heap.put("slope_mb_per_hour", h.slopeMbPerHour());
        heap.put("slope_stderr_mb_per_hour", h.slopeStdErrMbPerHour());
        heap.put("residual_sd_mb", h.residualSdMb());
        heap.put("first_mb", h.firstMb());
        heap.put("last_mb", h.lastMb());
        heap.put("within_noise", h.withinNoise());
        out.put("heap_after_gc", heap);
        out.put("collectors", r.collectors());
        out.put(
                "collections",
                r.intervals().stream()
                        .mapToInt(SoakBenchmark.Interval::collections)
                        .sum());
        out.put(
                "max_gc_pause_ms",
                r.intervals().stream()
                        .mapToDouble(SoakBenchmark.Interval::gcPauseMs)
                        .max()
                        .orElse(Double.NaN));
        out.put("wall_seconds", r.wallSeconds());
        out.put(
                "pipeline",
                "shipped spindle-stimulation config as in bench scale: bad-data flags, causal Butterworth "
                        + "band-pass 0.3-35 Hz order 4 on all channels, spindle detector, stimulation policy (live); synthetic "
                        + "sources paced in real time");
        out.put(
                "definitions",
                "lag = processing time - newest sample time of each chunk after the filter stage; "
                        + "overall figures leave out the start-up window; p99_under_bound_throughout = every steady "
                        + "interval's p99 lag < lag_bound_ms; heap after GC = the lowest heap in use (all heap pools) "
                        + "after a collection that ended in the interval, from the JVM's GC notifications (no collection "
                        + "is forced; none in an interval: the pools' usage after their last one); slope = least squares "
                        + "over the steady samples, within_noise = |slope| <= 2 standard errors; samples_lost = produced by the sources - distinct "
                        + "samples seen at the probe; cpu = process CPU / (sessions x seconds) after start-up");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SoakBenchmark.Interval i : r.intervals()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("startup", i.startup());
            row.put("end_seconds", i.endSeconds());
            row.put("heap_after_gc_mb", i.heapAfterGcMb());
            row.put("collections", i.collections());
            row.put("gc_pause_ms", i.gcPauseMs());
            row.put("p50_lag_ms", i.p50LagMs());
            row.put("p99_lag_ms", i.p99LagMs());
            row.put("max_lag_ms", i.maxLagMs());
            row.put("chunks", i.chunks());
            row.put("samples", i.samples());
            row.put("samples_lost", i.samplesLost());
            row.put("samples_duplicated", i.samplesDuplicated());
            row.put("cpu_seconds_per_session_second", i.cpuSecondsPerSessionSecond());
            row.put("load_average", i.loadAverage());
            rows.add(row);
        }
        out.put("intervals", rows);
        return out;
    }
}
