package org.neuroloop.bench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import org.neuroloop.bench.DspBenchmark;
import org.neuroloop.bench.MedianTimer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neuroloop bench dsp}: speed of the dsp numerics against the Python reference (scipy sosfilt, pyRiemann
 * 0.9). Times are medians of repeated runs after warm-up; ratios are speed-ups (> 1 means faster than Python).
 */
@Command(name = "dsp", mixinStandardHelpOptions = true,
        description = "Benchmark streaming filtering, covariance estimation and Riemannian geometry against the "
                + "Python reference figures.")
public final class BenchDspCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Option(names = "--repetitions", defaultValue = "5", description = "Measured repetitions per benchmark (median reported). Default: ${DEFAULT-VALUE}.")
    int repetitions;

    @Option(names = "--warmups", defaultValue = "2", description = "Untimed warm-up runs per benchmark. Default: ${DEFAULT-VALUE}.")
    int warmups;

    @Option(names = "--filter-samples", defaultValue = "200000", description = "Samples per channel in one filter run. Default: ${DEFAULT-VALUE}.")
    int filterSamples;

    @Option(names = "--size-divisor", defaultValue = "1", hidden = true,
            description = "Divide the matrix workload sizes (smoke tests only; the figures then no longer match their keys).")
    int sizeDivisor;

    @Override
    public Integer call() throws Exception {
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        MedianTimer timer = new MedianTimer(warmups, repetitions);
        DspBenchmark bench = new DspBenchmark(timer, filterSamples, sizeDivisor);
        Map<String, Double> results = new LinkedHashMap<>();
        Map<String, Double> cpu = new LinkedHashMap<>();
        for (int chunk : new int[] {1, 10, 100}) {
            DspBenchmark.Result r = bench.filterThroughput(chunk);
            String key = "filter_chunk" + chunk + "_chs_per_s";
            results.put(key, r.throughput());
            cpu.put(key, r.cpuThroughput());
        }
        DspBenchmark.MatrixTimings m = bench.matrixTimings();
        putTiming(results, cpu, "oas_10k_s", m.oas10k());
        putTiming(results, cpu, "riemann_mean_1k_s", m.riemannMean1k());
        putTiming(results, cpu, "tangent_space_10k_s", m.tangentSpace10k());
        putTiming(results, cpu, "mdm_predict_10k_s", m.mdmPredict10k());

        Map<String, Double> ratios = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : results.entrySet()) {
            Double ref = DspBenchmark.REFERENCE.get(e.getKey());
            Double ratio = null;
            if (ref != null) {
                ratio = e.getKey().endsWith("_per_s") ? e.getValue() / ref : ref / e.getValue();
            }
            ratios.put(e.getKey(), ratio);
        }
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("threads", ForkJoinPool.getCommonPoolParallelism() + 1);
        machine.put("jvm", System.getProperty("java.vm.name") + " " + Runtime.version());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        // Other processes compete for the same cores; the 1-minute load average says how much.
        machine.put("load_average_before", loadBefore);
        machine.put("load_average_after", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        // Process CPU time per run (ch-samples per CPU second for the filter): what the wall figures would approach
        // on an idle machine, divided by the threads used (1 for the filter, 'threads' for the matrix benchmarks).
        machine.put("process_cpu", cpu);

        if (json) {
            Map<String, Object> out = new LinkedHashMap<>(results);
            out.put("reference", DspBenchmark.REFERENCE);
            out.put("ratio_vs_reference", ratios);
            out.put("machine", machine);
            System.out.println(new ObjectMapper().writeValueAsString(out));
        } else {
            System.out.printf("%-26s %24s %24s %24s %9s%n", "benchmark", "NeuroLoop (wall)", "NeuroLoop (process CPU)",
                    "Python ref", "speed-up");
            for (Map.Entry<String, Double> e : results.entrySet()) {
                Double ref = DspBenchmark.REFERENCE.get(e.getKey());
                Double ratio = ratios.get(e.getKey());
                System.out.printf("%-26s %24s %24s %24s %9s%n", e.getKey(), format(e.getKey(), e.getValue()),
                        format(e.getKey(), cpu.get(e.getKey())), ref == null ? "-" : format(e.getKey(), ref),
                        ratio == null ? "-" : String.format("%.2fx", ratio));
            }
            System.out.printf("(scipy sosfilt single call: %s)%n",
                    format("_per_s", DspBenchmark.REFERENCE.get("filter_single_call_chs_per_s")));
            System.out.println("machine: " + machine + "; median of " + repetitions + " runs after " + warmups + " warm-ups");
        }
        return 0;
    }

    private static void putTiming(Map<String, Double> results, Map<String, Double> cpu, String key,
                                  MedianTimer.Timing t) {
        results.put(key, t.medianSeconds());
        cpu.put(key, t.medianCpuSeconds());
    }

    private static String format(String key, double v) {
        return key.endsWith("_per_s") ? String.format("%.3g ch-samples/s", v) : String.format("%.4f s", v);
    }
}
