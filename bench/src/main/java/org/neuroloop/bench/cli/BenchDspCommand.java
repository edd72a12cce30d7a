package org.neuroloop.bench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuroloop.bench.DspBenchmark;
import org.neuroloop.bench.MedianTimer;
import org.neuroloop.bench.PeerFigures;
import org.neuroloop.deploy.progress.Progress;
import org.neuroloop.dsp.covariance.Covariances;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neuroloop bench dsp}: speed of the dsp numerics against the Python reference (scipy sosfilt, pyRiemann
 * 0.9). Times are medians of repeated runs after warm-up; ratios are speed-ups (> 1 means faster than Python).
 */
@Command(
        name = "dsp",
        mixinStandardHelpOptions = true,
        description = "Benchmark streaming filtering, covariance estimation and Riemannian geometry against the "
                + "Python reference figures.")
public final class BenchDspCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Option(
            names = "--repetitions",
            defaultValue = "5",
            description = "Measured repetitions per benchmark (median reported). Default: ${DEFAULT-VALUE}.")
    int repetitions;

    @Option(
            names = "--warmups",
            defaultValue = "2",
            description = "Untimed warm-up runs per benchmark. Default: ${DEFAULT-VALUE}.")
    int warmups;

    @Option(
            names = "--filter-samples",
            defaultValue = "200000",
            description = "Samples per channel in one filter run. Default: ${DEFAULT-VALUE}.")
    int filterSamples;

    @Option(
            names = "--peer",
            paramLabel = "FILE",
            description = "Saved output of ../shared/peers/speed_peer.py from the same machine and session: its figures"
                    + " replace the built-in reference, so the ratios come from one run.")
    Path peer;

    @Option(
            names = "--size-divisor",
            defaultValue = "1",
            hidden = true,
            description =
                    "Divide the matrix workload sizes (smoke tests only; the figures then no longer match their keys).")
    int sizeDivisor;

    @Override
    public Integer call() throws Exception {
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Map<String, Double> reference = peer != null ? PeerFigures.read(peer) : DspBenchmark.REFERENCE;
        MedianTimer timer = new MedianTimer(warmups, repetitions);
        DspBenchmark bench = new DspBenchmark(timer, filterSamples, sizeDivisor);
        Map<String, Double> results = new LinkedHashMap<>();
        Map<String, Double> cpu = new LinkedHashMap<>();
        int[] chunks = {1, 10, 100};
        DspBenchmark.MatrixTimings m;
        try (Progress progress = Progress.start("bench dsp", chunks.length + DspBenchmark.MATRIX_STEPS, "runs")) {
            for (int chunk : chunks) {
                DspBenchmark.Result r = bench.filterThroughput(chunk);
                String key = "filter_chunk" + chunk + "_chs_per_s";
                results.put(key, r.throughput());
                cpu.put(key, r.cpuThroughput());
                progress.step();
            }
            m = bench.onStep(progress::step).matrixTimings();
        }
        // The filter benchmarks run on one thread: their figures are the single-thread ones too.
        Map<String, Double> single = new LinkedHashMap<>(results);
        Map<String, Double> singleCpu = new LinkedHashMap<>(cpu);
        putTiming(results, cpu, single, singleCpu, "oas_10k_s", m.oas10k());
        putTiming(results, cpu, single, singleCpu, "riemann_mean_1k_s", m.riemannMean1k());
        putTiming(results, cpu, single, singleCpu, "tangent_space_10k_s", m.tangentSpace10k());
        putTiming(results, cpu, single, singleCpu, "mdm_predict_10k_s", m.mdmPredict10k());

        Map<String, Double> ratios = ratios(results, reference);
        Map<String, Double> singleRatios = ratios(single, reference);
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("threads", Runtime.getRuntime().availableProcessors());
        machine.put("jvm", System.getProperty("java.vm.name") + " " + Runtime.version());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        // Other processes compete for the same cores; the 1-minute load average says how much.
        machine.put("load_average_before", loadBefore);
        machine.put(
                "load_average_after",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        // Process CPU time per run (ch-samples per CPU second for the filter): what the wall figures would approach
        // on an idle machine, divided by the threads used (1 for the filter, 'threads' for the matrix benchmarks).
        machine.put("process_cpu", cpu);
        machine.put("process_cpu_single_thread", singleCpu);
        machine.put("riemann_mean_iterations", m.riemannMeanIterations());
        // SIMD only with --add-modules jdk.incubator.vector (the launcher adds it)
        machine.put("covariance_product", Covariances.productKernel());

        if (json) {
            Map<String, Object> out = new LinkedHashMap<>(results);
            out.put("reference", reference);
            out.put("reference_source", peer != null ? peer.toString() : "built-in");
            out.put("ratio_vs_reference", ratios);
            out.put("single_thread", single);
            out.put("ratio_single_thread_vs_reference", singleRatios);
            out.put("machine", machine);
            System.out.println(new ObjectMapper().writeValueAsString(out));
        } else {
            System.out.printf(
                    "%-26s %24s %24s %24s %9s %24s %9s%n",
                    "benchmark",
                    "NeuroLoop (all cores)",
                    "NeuroLoop (process CPU)",
                    "Python ref",
                    "speed-up",
                    "NeuroLoop (1 thread)",
                    "speed-up");
            for (Map.Entry<String, Double> e : results.entrySet()) {
                String key = e.getKey();
                Double ref = reference.get(key);
                Double one = single.get(key);
                System.out.printf(
                        "%-26s %24s %24s %24s %9s %24s %9s%n",
                        key,
                        format(key, e.getValue()),
                        format(key, cpu.get(key)),
                        ref == null ? "-" : format(key, ref),
                        times(ratios.get(key)),
                        one == null ? "-" : format(key, one),
                        times(singleRatios.get(key)));
            }
            System.out.printf(
                    "(scipy sosfilt single call: %s; reference: %s)%n",
                    format("_per_s", reference.get("filter_single_call_chs_per_s")),
                    peer != null ? peer : "built-in figures");
            System.out.println(
                    "machine: " + machine + "; median of " + repetitions + " runs after " + warmups + " warm-ups");
        }
        return 0;
    }

    private static void putTiming(
            Map<String, Double> results,
            Map<String, Double> cpu,
            Map<String, Double> single,
            Map<String, Double> singleCpu,
            String key,
            DspBenchmark.Scaling t) {
        results.put(key, t.allCores().medianSeconds());
        cpu.put(key, t.allCores().medianCpuSeconds());
        single.put(key, t.singleThread().medianSeconds());
        singleCpu.put(key, t.singleThread().medianCpuSeconds());
    }

    /** Speed-ups against the reference (> 1 is faster): ratio of rates, or inverse ratio of times. */
    private static Map<String, Double> ratios(Map<String, Double> measured, Map<String, Double> reference) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : measured.entrySet()) {
            Double ref = reference.get(e.getKey());
            Double ratio = null;
            if (ref != null) {
                ratio = e.getKey().endsWith("_per_s") ? e.getValue() / ref : ref / e.getValue();
            }
            out.put(e.getKey(), ratio);
        }
        return out;
    }

    private static String times(Double ratio) {
        return ratio == null ? "-" : String.format("%.2fx", ratio);
    }

    private static String format(String key, double v) {
        return key.endsWith("_per_s") ? String.format("%.3g ch-samples/s", v) : String.format("%.4f s", v);
    }
}
