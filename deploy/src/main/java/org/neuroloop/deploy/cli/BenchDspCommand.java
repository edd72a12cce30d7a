package org.neuroloop.deploy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import org.neuroloop.deploy.bench.DspBenchmark;
import org.neuroloop.deploy.bench.MedianTimer;
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

    @Option(names = "--warmups", defaultValue = "3", description = "Untimed warm-up runs per benchmark. Default: ${DEFAULT-VALUE}.")
    int warmups;

    @Option(names = "--filter-samples", defaultValue = "50000", description = "Samples per channel in one filter run. Default: ${DEFAULT-VALUE}.")
    int filterSamples;

    @Override
    public Integer call() throws Exception {
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        MedianTimer timer = new MedianTimer(warmups, repetitions);
        DspBenchmark bench = new DspBenchmark(timer, filterSamples);
        Map<String, Double> results = new LinkedHashMap<>();
        results.put("filter_chunk1_chs_per_s", bench.filterThroughput(1));
        results.put("filter_chunk10_chs_per_s", bench.filterThroughput(10));
        results.put("filter_chunk100_chs_per_s", bench.filterThroughput(100));
        DspBenchmark.MatrixTimings m = bench.matrixTimings();
        results.put("oas_10k_s", m.oas10k());
        results.put("riemann_mean_1k_s", m.riemannMean1k());
        results.put("tangent_space_10k_s", m.tangentSpace10k());
        results.put("mdm_predict_10k_s", m.mdmPredict10k());

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

        if (json) {
            Map<String, Object> out = new LinkedHashMap<>(results);
            out.put("reference", DspBenchmark.REFERENCE);
            out.put("ratio_vs_reference", ratios);
            out.put("machine", machine);
            System.out.println(new ObjectMapper().writeValueAsString(out));
        } else {
            System.out.printf("%-28s %16s %16s %10s%n", "benchmark", "NeuroLoop", "Python ref", "speed-up");
            for (Map.Entry<String, Double> e : results.entrySet()) {
                Double ref = DspBenchmark.REFERENCE.get(e.getKey());
                Double ratio = ratios.get(e.getKey());
                System.out.printf("%-28s %16s %16s %10s%n", e.getKey(), format(e.getKey(), e.getValue()),
                        ref == null ? "-" : format(e.getKey(), ref), ratio == null ? "-" : String.format("%.2fx", ratio));
            }
            System.out.printf("(scipy sosfilt single call: %s)%n",
                    format("_per_s", DspBenchmark.REFERENCE.get("filter_single_call_chs_per_s")));
            System.out.println("machine: " + machine + "; median of " + repetitions + " runs after " + warmups + " warm-ups");
        }
        return 0;
    }

    private static String format(String key, double v) {
        return key.endsWith("_per_s") ? String.format("%.3g ch-samples/s", v) : String.format("%.4f s", v);
    }
}
