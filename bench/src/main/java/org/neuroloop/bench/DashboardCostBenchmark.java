package org.neuroloop.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.neuroloop.deploy.browser.HeadlessChromium;
import org.neuroloop.deploy.cluster.EmbeddedCluster;
import org.neuroloop.deploy.config.ConfigResolver;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.deploy.config.SessionConfigLoader;
import org.neuroloop.deploy.dashboard.Dashboard;
import org.neuroloop.deploy.job.ConfiguredOutputs;
import org.neuroloop.deploy.job.ConfiguredSources;
import org.neuroloop.deploy.job.NeuroLoopJob;

/**
 * What a live dashboard costs on a 1-session run (the demo's session: synthetic sleep EEG with spindles in real
 * time, causal filter, spindle detector, policy): this JVM's CPU time over the same wall time without and with a
 * dashboard that a headless Chromium page has open, and, with the page left open, the server's heap after a full GC
 * and the page's JS heap after a forced GC sampled every minute, with least-squares slopes per minute.
 */
public final class DashboardCostBenchmark {
    static final String YAML = """
            name: dashboard-cost
            sessions:
              - id: night1
                synthetic: {scenario: spindles, labels: [C3, C4, Cz, Fz], rate: 250, seconds: %d, seed: 11,
                            chunkSamples: 10, speed: realtime}
            pipeline:
              filters: [{type: highpass, low: 0.3, order: 2}]
              detector: {type: spindles, channel: C3}
              policy: {action: pulse, refractorySeconds: 2.0, maxPerMinute: 20, sessionBudget: 500}
            flink: {parallelism: 1, bufferTimeoutMs: 0}
            """;
    private final ObjectMapper json = new ObjectMapper();
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    /**
     * @param cpuSeconds wall seconds of each CPU measurement (after 10 s of start-up)
     * @param minutes how long the page stays open for the memory samples (0: CPU only)
     */
    public Map<String, Object> run(String chromium, int cpuSeconds, int minutes) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("load_average_before", os.getSystemLoadAverage());
        out.put("cpu_seconds", cpuSeconds);
        double without = runWithout(cpuSeconds);
        out.put("cpu_without_dashboard", without);
        out.putAll(runWith(chromium, cpuSeconds, minutes));
        out.put("cpu_added_by_dashboard", (Double) out.get("cpu_with_dashboard") - without);
        out.put("cpu_definition", "this JVM's CPU time / wall time (1.0 = one core busy), job and dashboard server");
        out.put("load_average_after", os.getSystemLoadAverage());
        out.put("cores", Runtime.getRuntime().availableProcessors());
        return out;
    }

    private ResolvedConfig config(int seconds) {
        return new ConfigResolver("dashboard-cost.yaml", Path.of("."))
                .resolve(SessionConfigLoader.parse(YAML.formatted(seconds), "dashboard-cost.yaml"));
    }

    private double runWithout(int cpuSeconds) throws Exception {
        ResolvedConfig config = config(cpuSeconds + 600);
        try (EmbeddedCluster cluster = EmbeddedCluster.start(2, 0)) {
            StreamExecutionEnvironment env = cluster.environment(config);
            NeuroLoopJob job = NeuroLoopJob.fromConfig(config);
            job.configure(env);
            job.build(env);
            JobClient client = env.executeAsync("dashboard-cost-without");
            try {
                double cpu = cpuFraction(cpuSeconds);
                if (client.getJobStatus().get().isGloballyTerminalState()) {
                    throw new IllegalStateException("the job ended before the CPU measurement did: "
                            + client.getJobStatus().get());
                }
                return cpu;
            } finally {
                cancel(client);
            }
        }
    }

    private Map<String, Object> runWith(String chromium, int cpuSeconds, int minutes) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        ResolvedConfig config = config(cpuSeconds + 600 + minutes * 60);
        try (EmbeddedCluster cluster = EmbeddedCluster.start(2, 0);
                Dashboard dashboard = Dashboard.start(config, 0);
                HeadlessChromium browser = new HeadlessChromium(chromium)) {
            StreamExecutionEnvironment env = cluster.environment(config);
            NeuroLoopJob job =
                    dashboard.wiring().job(config, ConfiguredSources.of(config), ConfiguredOutputs.of(config));
            job.configure(env);
            job.build(env);
            JobClient client = env.executeAsync("dashboard-cost-with");
            try {
                browser.navigate(dashboard.url());
                long browserCpu0 = cpuNanos(browser.process());
                long wall0 = System.nanoTime();
                out.put("cpu_with_dashboard", cpuFraction(cpuSeconds));
                out.put(
                        "browser_cpu",
                        (cpuNanos(browser.process()) - browserCpu0) / (double) (System.nanoTime() - wall0));
                List<Double> serverMb = new ArrayList<>();
                List<Double> pageMb = new ArrayList<>();
                for (int m = 0; m <= minutes; m++) {
                    if (m > 0) {
                        Thread.sleep(60_000);
                    }
                    System.gc();
                    serverMb.add(memory.getHeapMemoryUsage().getUsed() / 1e6);
                    browser.call("HeapProfiler.collectGarbage", null);
                    pageMb.add(browser.call("Runtime.getHeapUsage", null)
                                    .path("usedSize")
                                    .asDouble()
                            / 1e6);
                }
                out.put("server_heap_mb_per_minute", serverMb);
                out.put("page_js_heap_mb_per_minute", pageMb);
                out.put("server_heap_slope_mb_per_minute", slope(serverMb));
                out.put("page_js_heap_slope_mb_per_minute", slope(pageMb));
                out.put("page_errors", browser.errors());
            } finally {
                cancel(client);
            }
        }
        return out;
    }

    /** Ends the job; its synthetic session is longer than the measurement, so it is still running unless it failed. */
    private static void cancel(JobClient client) throws Exception {
        if (!client.getJobStatus().get().isGloballyTerminalState()) {
            client.cancel().get();
        }
    }

    /** CPU time of this JVM over {@code seconds} of wall time (after a 10 s start-up), per wall second. */
    private double cpuFraction(int seconds) throws InterruptedException {
        Thread.sleep(10_000);
        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        return (os.getProcessCpuTime() - cpu0) / (double) (System.nanoTime() - wall0);
    }

    /** CPU time of a process and all its descendants (Chromium's renderers and GPU process). */
    private static long cpuNanos(ProcessHandle p) {
        long total = p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        for (ProcessHandle c : p.descendants().toList()) {
            total += c.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        }
        return total;
    }

    /** Least-squares slope of values sampled one per minute, per minute (NaN with fewer than two). */
    static double slope(List<Double> v) {
        int n = v.size();
        if (n < 2) {
            return Double.NaN;
        }
        double mx = (n - 1) / 2.0;
        double my = v.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (i - mx) * (v.get(i) - my);
            sxx += (i - mx) * (i - mx);
        }
        return sxy / sxx;
    }
}
