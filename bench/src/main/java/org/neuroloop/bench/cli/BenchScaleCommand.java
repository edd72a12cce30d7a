package org.neuroloop.bench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuroloop.bench.ScaleBenchmark;
import org.neuroloop.bench.ScaleSearch;
import org.neuroloop.bench.ScaleStep;
import org.neuroloop.deploy.progress.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code neuroloop bench scale}: how many concurrent real-time sessions one embedded MiniCluster sustains on this
 * machine, and the CPU cost per session (see {@link ScaleBenchmark} for the method).
 */
@Command(
        name = "scale",
        mixinStandardHelpOptions = true,
        description =
                "Concurrent real-time sessions one MiniCluster sustains (p99 chunk lag under a bound, no backlog), and CPU per session.")
public final class BenchScaleCommand implements Callable<Integer> {

    @Option(
            names = "--sessions",
            defaultValue = "0",
            description =
                    "Test just this many sessions (0: search N by ramp and bisection). Default: ${DEFAULT-VALUE}.")
    int sessions;

    @Option(
            names = "--seconds",
            defaultValue = "20",
            description = "Length of each step's sessions, s. Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Option(
            names = "--warmup",
            defaultValue = "2",
            description =
                    "Unmeasured seconds after every session has caught up with its start-up backlog. Default: ${DEFAULT-VALUE}.")
    double warmup;

    @Option(
            names = "--lag-bound-ms",
            defaultValue = "100",
            description = "p99 chunk lag a real-time step must stay under, ms. Default: ${DEFAULT-VALUE}.")
    double lagBoundMs;

    @Mixin
    SessionOptions session;

    @Option(
            names = "--budget-seconds",
            defaultValue = "270",
            description = "Wall-clock budget of the search, s. Default: ${DEFAULT-VALUE}.")
    double budgetSeconds;

    @Option(
            names = "--max-sessions",
            defaultValue = "4096",
            description = "Largest N the search tries. Default: ${DEFAULT-VALUE}.")
    int maxSessions;

    @Option(
            names = "--unpaced",
            description = "Sources as fast as the job takes them (with --sessions): the CPU per session-second of a "
                    + "fixed amount of work, whatever CPU other processes leave; lags are then meaningless.")
    boolean unpaced;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        ScaleBenchmark.Settings settings;
        try {
            settings = new ScaleBenchmark.Settings(
                    session.channels,
                    session.rate,
                    session.chunkSamples,
                    seconds,
                    warmup,
                    lagBoundMs,
                    session.parallelismOrCores(),
                    budgetSeconds,
                    maxSessions);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        if (sessions < 0) {
            System.err.println("--sessions must be >= 0, got " + sessions);
            return 2;
        }
        if (unpaced && sessions == 0) {
            System.err.println("--unpaced needs --sessions N (a search needs lags, which unpaced sources lack)");
            return 2;
        }
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        List<ScaleStep> steps;
        int maxRealtime;
        int maxSustained;
        boolean exhausted = false;
        try (ScaleBenchmark bench = new ScaleBenchmark(settings, !unpaced);
                Progress progress = Progress.timed("bench scale", sessions > 0 ? seconds + warmup : budgetSeconds)) {
            if (sessions > 0) {
                ScaleStep s = bench.run(sessions);
                steps = List.of(s);
                maxRealtime = s.realtime() ? sessions : 0;
                maxSustained = s.keepsUp() ? sessions : 0;
            } else {
                ScaleSearch search = ScaleSearch.run(bench);
                steps = search.steps();
                maxRealtime = search.maxRealtimeSessions();
                maxSustained = search.maxSustainedSessions();
                exhausted = search.budgetExhausted();
            }
        }
        double[] line = ScaleSearch.cpuLine(steps);
        double cpuPerSession = line[1];
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("max_realtime_sessions", maxRealtime);
        out.put("max_sustained_sessions", maxSustained);
        out.put("realtime_sessions_per_core", (double) maxRealtime / cores);
        out.put("cpu_seconds_per_session_second", cpuPerSession);
        out.put("fixed_cpu_seconds_per_job", line[0]);
        out.put("sessions_per_core", 1 / cpuPerSession);
        out.put("channels", session.channels);
        out.put("rate", session.rate);
        out.put("chunk_samples", session.chunkSamples);
        out.put("seconds_per_step", seconds);
        out.put("warmup_seconds", warmup);
        out.put("lag_bound_ms", lagBoundMs);
        out.put("parallelism", settings.parallelism());
        out.put(
                "pipeline",
                "shipped spindle-stimulation config: bad-data flags, causal Butterworth band-pass 0.3-35 Hz "
                        + "order 4 on all channels, spindle detector (C3), stimulation policy (live); synthetic sources "
                        + (unpaced ? "unpaced" : "paced in real time") + ", each playing a shared 60 s synthetic "
                        + "recording (spindles planted) in a loop from its own offset");
        out.put(
                "search",
                sessions > 0
                        ? "single step"
                        : "256 sessions, then up to where the last step's CPU per session fills 90 % of the "
                                + "cores, then bisection on real time to within 5 %"
                                + (exhausted ? ", stopped by the time budget" : ""));
        out.put(
                "definitions",
                "lag = processing time - newest sample time of each chunk after the filter stage; realtime = "
                        + "p99 lag and each session's tail lag (mean of its last 10 % of chunks) <= lag_bound_ms after start-up; "
                        + "keeps_up = tail lag within the bound (no growing backlog); cpu_seconds_per_session_second = slope of "
                        + "each job's process CPU seconds over its session-seconds across all steps, fixed_cpu_seconds_per_job its "
                        + "intercept; steady_cores_used = process CPU per second in the steady window (what the job got); "
                        + "sessions_per_core = 1 / cpu_seconds_per_session_second; heap_live_mb = smallest used heap over the "
                        + "last third of the steady window (the live set after collections), heap_baseline_mb that of the idle "
                        + "warm cluster before the job, heap_per_session_kb = their difference / sessions, heap_growth_mb = live "
                        + "heap at the end of the steady window minus at its start");
        List<Map<String, Object>> table = new ArrayList<>();
        for (ScaleStep s : steps) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("sessions", s.sessions());
            row.put("realtime", s.realtime());
            row.put("keeps_up", s.keepsUp());
            row.put("p50_lag_ms", s.p50LagMs());
            row.put("p99_lag_ms", s.p99LagMs());
            row.put("max_lag_ms", s.maxLagMs());
            row.put("tail_lag_ms", s.tailLagMs());
            row.put("startup_lag_ms", s.startupLagMs());
            row.put("catch_up_seconds", s.catchUpSeconds());
            row.put("cpu_seconds", s.cpuSeconds());
            row.put("cpu_seconds_per_session_second", s.cpuSecondsPerSessionSecond());
            row.put("steady_cores_used", s.coresUsed());
            row.put("steady_seconds", s.steadySeconds());
            row.put("chunks_measured", s.chunksMeasured());
            row.put("samples", s.samplesSeen());
            row.put("wall_seconds", s.wallSeconds());
            row.put("heap_baseline_mb", s.heapBaselineMb());
            row.put("heap_live_mb", s.heapLiveMb());
            row.put("heap_per_session_kb", s.heapPerSessionKb());
            row.put("heap_growth_mb", s.heapGrowthMb());
            table.add(row);
        }
        out.put("steps", table);
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", cores);
        machine.put("load_average_start", loadBefore);
        machine.put(
                "load_average_end", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        machine.put(
                "note",
                "max_realtime_sessions and max_sustained_sessions are what the cores left to this process could carry: "
                        + "read them with the load averages above (other processes compete for the same cores); "
                        + "sessions_per_core is from this process's own CPU time");
        out.put("machine", machine);
        if (json) {
            System.out.println(new ObjectMapper().writeValueAsString(out));
            return 0;
        }
        System.out.printf(
                Locale.ROOT,
                "machine: %d cores, load average %.2f at start (other processes compete for the same cores)%n",
                cores,
                loadBefore);
        System.out.printf(
                Locale.ROOT,
                "%d ch @ %.0f Hz, %d-sample chunks, %.0f s per step, p99 lag bound %.0f ms%n",
                session.channels,
                session.rate,
                session.chunkSamples,
                seconds,
                lagBoundMs);
        System.out.println("sessions  keeps up  realtime  p50 ms  p99 ms  tail ms  cpu s/session-s  steady cores"
                + "  heap kB/session  heap growth MB");
        for (ScaleStep s : steps) {
            System.out.printf(
                    Locale.ROOT,
                    "%8d  %8s  %8s  %6.1f  %6.1f  %7.1f  %15.4f  %12.2f  %15.1f  %14.1f%n",
                    s.sessions(),
                    s.keepsUp(),
                    s.realtime(),
                    s.p50LagMs(),
                    s.p99LagMs(),
                    s.tailLagMs(),
                    s.cpuSecondsPerSessionSecond(),
                    s.coresUsed(),
                    s.heapPerSessionKb(),
                    s.heapGrowthMb());
        }
        System.out.printf(
                Locale.ROOT,
                "max real-time sessions (p99 <= %.0f ms): %d (%.1f per core); kept up with %d%n",
                lagBoundMs,
                maxRealtime,
                (double) maxRealtime / cores,
                maxSustained);
        System.out.printf(
                Locale.ROOT,
                "CPU: %.1f s per job + %.4f s per session-second -> %.1f sessions per core%n",
                line[0],
                cpuPerSession,
                1 / cpuPerSession);
        return 0;
    }
}
