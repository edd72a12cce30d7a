package org.neuroloop.bench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuroloop.bench.LslLatencyBenchmark;
import org.neuroloop.bench.lsl.LslImplementationComparison;
import org.neuroloop.bench.lsl.LslPairMain;
import org.neuroloop.deploy.progress.Progress;
import org.neuroloop.ingest.flink.LslSourceSettings;
import org.neuroloop.lsl4j.Lsl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neuroloop bench lsl}: latency the LSL source adds on one machine, from a sample's push into a real liblsl
 * outlet (stamped with local_clock) to the moment the record is seen in the Flink job, p50/p99; plus the bare-inlet
 * figure for comparison, a check that the LSL clock is {@code System.nanoTime()}, and lsl4j against liblsl 1.10 in
 * the same run ({@link LslImplementationComparison}: key {@code lsl4j_vs_liblsl} of the JSON).
 */
@Command(
        name = "lsl",
        mixinStandardHelpOptions = true,
        description =
                "Latency of LSL ingestion: sample push -> record in the Flink job (and -> bare inlet), on one machine.")
public final class BenchLslCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Option(
            names = "--channels",
            defaultValue = "32",
            description = "Channels of the test stream. Default: ${DEFAULT-VALUE}.")
    int channels;

    @Option(
            names = "--rate",
            defaultValue = "250",
            description = "Nominal rate in Hz; one sample is pushed every 1/rate s. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(
            names = "--seconds",
            defaultValue = "20",
            description = "Measured seconds per path. Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Option(
            names = "--warmup",
            defaultValue = "3",
            description = "Unmeasured seconds before. Default: ${DEFAULT-VALUE}.")
    double warmup;

    @Option(
            names = "--poll-us",
            defaultValue = "-1",
            description = "Source poll interval in microseconds (0 = wait inside "
                    + "the pull, which returns when bytes arrive). Default: the source's default.")
    int pollMicros;

    @Option(names = "--skip-inlet", description = "Do not measure the bare-inlet baseline.")
    boolean skipInlet;

    @Option(names = "--skip-compare", description = "Do not compare lsl4j with liblsl (child JVMs).")
    boolean skipCompare;

    @Option(
            names = "--compare-seconds",
            defaultValue = "10",
            description =
                    "Measured seconds of each pair's one hop "
                            + "(64 ch float32 at 1 kHz) and throughput in the lsl4j/liblsl comparison. Default: ${DEFAULT-VALUE}.")
    double compareSeconds;

    @Override
    public Integer call() throws Exception {
        if (channels <= 0 || !(rate > 0) || !(seconds > 0) || !(warmup >= 0)) {
            System.err.println("bench lsl: --channels, --rate, --seconds must be > 0 and --warmup >= 0");
            return 2;
        }
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        LslLatencyBenchmark.ClockCheck clock = LslLatencyBenchmark.checkClock(10_000);
        int poll = pollMicros >= 0 ? pollMicros : 0;
        LslLatencyBenchmark bench =
                new LslLatencyBenchmark(new LslLatencyBenchmark.Config(channels, rate, seconds, warmup, poll));
        LslLatencyBenchmark.Stats source;
        int chunks;
        LslLatencyBenchmark.Stats inlet;
        Map<String, Object> compare;
        try (Progress progress = Progress.start("bench lsl", 3, "parts")) {
            source = bench.measureSource();
            chunks = LslLatencyBenchmark.chunksEmitted();
            progress.step();
            inlet = skipInlet ? null : bench.measureInlet();
            progress.step();
            compare = skipCompare
                    ? null
                    : LslImplementationComparison.run(
                            Path.of(System.getProperty("neuroloop.root", "."))
                                    .toAbsolutePath()
                                    .normalize(),
                            new LslPairMain.Settings(64, 1000, compareSeconds, 2, 32, compareSeconds));
            progress.step();
        }

        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> stream = new LinkedHashMap<>();
        stream.put("channels", channels);
        stream.put("rate_hz", rate);
        stream.put("samples_per_push", 1);
        stream.put("measured_seconds", seconds);
        stream.put("warmup_seconds", warmup);
        stream.put("samples_pushed", bench.samplesPushed());
        out.put("stream", stream);
        out.put("source_latency", source.toMap());
        out.put("source_chunks_emitted", chunks);
        out.put("inlet_only_latency", inlet == null ? null : inlet.toMap());
        Map<String, Object> clk = new LinkedHashMap<>();
        clk.put("pairs", clock.pairs());
        clk.put("tight_pairs", clock.tightPairs());
        clk.put("lsl_minus_nanotime_median_us", clock.medianDiffMicros());
        clk.put("lsl_minus_nanotime_max_abs_us", clock.maxAbsDiffMicros());
        clk.put("local_clock_is_nanotime", clock.sameClock());
        out.put("clock_check", clk);
        out.put("lsl4j_vs_liblsl", compare);
        LslSourceSettings s = LslLatencyBenchmark.sourceSettings("x", poll);
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("cluster", "embedded MiniCluster, parallelism 1");
        job.put("buffer_timeout_ms", 0);
        job.put("pull_timeout_s", s.pullTimeoutSeconds());
        job.put("outlet", "lsl4j");
        job.put("inlet", "lsl4j");
        job.put("poll_interval_us", s.pollIntervalMicros());
        job.put("max_chunk_samples", s.maxChunkSamples());
        job.put("clock_sync", s.timestamps().clockSync());
        job.put("dejitter", s.timestamps().dejitter());
        job.put("measured_at", "process function chained after the source");
        out.put("job", job);
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("lsl", "lsl4j (protocol " + Lsl.protocolVersion() + ")");
        machine.put("jvm", System.getProperty("java.vm.name") + " " + Runtime.version());
        machine.put("load_average_before", loadBefore);
        machine.put(
                "load_average_after",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.put("machine", machine);

        if (json) {
            System.out.println(new ObjectMapper().writeValueAsString(out));
        } else {
            System.out.printf(
                    "LSL source latency (push -> Flink record), %d ch @ %.0f Hz, 1 sample/push, %d samples:%n",
                    channels, rate, source.samples());
            System.out.printf(
                    "  p50 %.3f ms  p90 %.3f ms  p99 %.3f ms  max %.3f ms  mean %.3f ms%n",
                    source.p50(), source.p90(), source.p99(), source.max(), source.mean());
            if (inlet != null) {
                System.out.printf(
                        "bare inlet (LSL transport only): p50 %.3f ms  p99 %.3f ms  max %.3f ms%n",
                        inlet.p50(), inlet.p99(), inlet.max());
            }
            if (compare != null) {
                System.out.println(
                        "lsl4j vs liblsl 1.10, 64 ch float32 (one hop at 1 kHz, throughput in chunks of " + "32):");
                for (var e : ((Map<?, ?>) compare.get("pairs")).entrySet()) {
                    var r = (JsonNode) e.getValue();
                    System.out.printf(
                            "  %-16s one hop p50 %.3f ms  p99 %.3f ms   throughput %,d samples/s%n",
                            e.getKey(),
                            r.path("one_hop").path("p50_ms").asDouble(),
                            r.path("one_hop").path("p99_ms").asDouble(),
                            r.path("throughput").path("samples_per_second").asLong());
                }
                System.out.println("  targets: " + compare.get("targets"));
            }
            System.out.printf(
                    "clock: local_clock - nanoTime median %.2f us, max |diff| %.2f us, same clock: %s%n",
                    clock.medianDiffMicros(), clock.maxAbsDiffMicros(), clock.sameClock());
        }
        return clock.sameClock() ? 0 : 1;
    }
}
