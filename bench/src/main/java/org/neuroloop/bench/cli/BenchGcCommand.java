package org.neuroloop.bench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neuroloop bench gc}: the closed-loop latency of {@link BenchLatencyCommand} under each garbage collector, in
 * one run. Every round starts one child JVM per collector (same classpath and options as this JVM, only the collector
 * differs), in turn, so slow drift of the machine's load reaches every collector alike. The collector with the lowest
 * median p99 is reported as {@code best}; the launcher's default for live commands follows that figure.
 */
@Command(
        name = "gc",
        mixinStandardHelpOptions = true,
        description = "Closed-loop latency (bench latency) under G1, ZGC and Shenandoah, interleaved in one run.")
public final class BenchGcCommand implements Callable<Integer> {

    /** Collectors by name, with the JVM option that selects each. */
    static final Map<String, String> COLLECTORS = Map.of(
            "g1", "-XX:+UseG1GC",
            "zgc", "-XX:+UseZGC",
            "shenandoah", "-XX:+UseShenandoahGC",
            "parallel", "-XX:+UseParallelGC");

    /** A word of each collector's MXBean names, to check that a child really ran under the collector asked for. */
    static final Map<String, String> MXBEAN_WORD =
            Map.of("g1", "G1", "zgc", "ZGC", "shenandoah", "Shenandoah", "parallel", "PS ");

    @Option(
            names = "--gcs",
            defaultValue = "g1,zgc,shenandoah",
            split = ",",
            description = "Collectors to compare (g1, zgc, shenandoah, parallel). Default: ${DEFAULT-VALUE}.")
    List<String> gcs;

    @Option(
            names = "--rounds",
            defaultValue = "3",
            description = "Rounds; each runs every collector once. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(
            names = "--seconds",
            defaultValue = "60",
            description = "Measured seconds per run. Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Option(
            names = "--pipeline",
            defaultValue = "threshold",
            description = "Pipeline of bench latency (threshold or spindles). Default: ${DEFAULT-VALUE}.")
    String pipeline;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        for (String gc : gcs) {
            if (!COLLECTORS.containsKey(gc)) {
                System.err.println(
                        "bench gc: unknown collector '" + gc + "' in --gcs; known: g1, zgc, shenandoah, parallel");
                return 2;
            }
        }
        if (rounds < 1) {
            System.err.println("bench gc: --rounds must be >= 1, got " + rounds);
            return 2;
        }
        ObjectMapper mapper = new ObjectMapper();
        Map<String, List<JsonNode>> runs = new LinkedHashMap<>();
        gcs.forEach(gc -> runs.put(gc, new ArrayList<>()));
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        for (int round = 1; round <= rounds; round++) {
            for (String gc : gcs) {
                System.err.printf(Locale.ROOT, "bench gc: round %d/%d, %s...%n", round, rounds, gc);
                JsonNode r = runChild(mapper, gc);
                runs.get(gc).add(r);
                System.err.printf(
                        Locale.ROOT,
                        "bench gc: %s p50 %.3f ms, p99 %.3f ms, %d/%d detected, %d false%n",
                        gc,
                        r.path("p50_ms").asDouble(),
                        r.path("p99_ms").asDouble(),
                        r.path("detected").asInt(),
                        r.path("events").asInt(),
                        r.path("false_stimulations").asInt());
            }
        }
        ObjectNode out = mapper.createObjectNode();
        out.put("pipeline", pipeline);
        out.put("seconds", seconds);
        out.put("rounds", rounds);
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("load_average_before", loadBefore);
        out.put(
                "load_average_after",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        ObjectNode byGc = out.putObject("collectors");
        String best = null;
        double bestP99 = Double.POSITIVE_INFINITY;
        for (Map.Entry<String, List<JsonNode>> e : runs.entrySet()) {
            ObjectNode g = byGc.putObject(e.getKey());
            g.put("jvm_option", COLLECTORS.get(e.getKey()));
            double p50 = median(e.getValue(), "p50_ms");
            double p99 = median(e.getValue(), "p99_ms");
            g.put("median_p50_ms", p50);
            g.put("median_p99_ms", p99);
            g.put("median_max_ms", median(e.getValue(), "max_ms"));
            g.put(
                    "false_stimulations",
                    e.getValue().stream()
                            .mapToInt(r -> r.path("false_stimulations").asInt())
                            .sum());
            g.put(
                    "missed",
                    e.getValue().stream()
                            .mapToInt(r -> r.path("events").asInt()
                                    - r.path("detected").asInt())
                            .sum());
            ArrayNode each = g.putArray("runs");
            for (JsonNode r : e.getValue()) {
                ObjectNode one = each.addObject();
                for (String key : List.of("p50_ms", "p95_ms", "p99_ms", "max_ms", "events", "detected", "collectors")) {
                    one.set(key, r.path(key));
                }
            }
            if (p99 < bestP99) {
                bestP99 = p99;
                best = e.getKey();
            }
        }
        out.put("best", best);
        out.put("best_definition", "lowest median p99 over the rounds");
        if (json) {
            System.out.println(mapper.writeValueAsString(out));
        } else {
            for (String gc : gcs) {
                JsonNode g = byGc.get(gc);
                System.out.printf(
                        Locale.ROOT,
                        "%-10s median p50 %.3f ms  p99 %.3f ms  max %.3f ms%n",
                        gc,
                        g.get("median_p50_ms").asDouble(),
                        g.get("median_p99_ms").asDouble(),
                        g.get("median_max_ms").asDouble());
            }
            System.out.println("best (lowest median p99): " + best);
        }
        return 0;
    }

    /** One {@code bench latency --json} in a child JVM under the given collector; its JSON line. */
    private JsonNode runChild(ObjectMapper mapper, String gc) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            boolean collector = COLLECTORS.containsValue(arg) || arg.startsWith("-XX:+Use") && arg.endsWith("GC");
            if (!collector && !arg.startsWith("-agentlib") && !arg.startsWith("-javaagent")) {
                cmd.add(arg);
            }
        }
        cmd.add(COLLECTORS.get(gc));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchCli.class.getName()));
        cmd.addAll(Arrays.asList(
                "bench", "latency", "--json", "--seconds", Double.toString(seconds), "--pipeline", pipeline));
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        String last = stdout.lines()
                .filter(l -> l.startsWith("{"))
                .reduce((a, b) -> b)
                .orElse(null);
        if (last == null) {
            throw new IOException("bench latency under " + gc + " printed no JSON (exit " + code + "): " + stdout);
        }
        JsonNode result = mapper.readTree(last);
        String collectors = result.path("collectors").asText();
        if (!collectors.contains(MXBEAN_WORD.get(gc))) {
            throw new IOException("bench latency asked to run under " + gc + " ran under '" + collectors + "'");
        }
        return result;
    }

    private static double median(List<JsonNode> runs, String key) {
        double[] v =
                runs.stream().mapToDouble(r -> r.path(key).asDouble()).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
