package org.neuroloop.bench.lsl;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * lsl4j against liblsl 1.10 in one run: one hop and throughput for lsl4j → lsl4j, liblsl → liblsl and both mixed
 * pairs, each in its own child JVM ({@link LiblslPeerProcess}), and the targets: lsl4j's one-hop p50 at most
 * {@value #HOP_P50_TARGET_MS} ms, its throughput at least liblsl's.
 */
public final class LslImplementationComparison {
    static final double HOP_P50_TARGET_MS = 0.1;
    private static final List<LslEndpoints[]> PAIRS = List.of(
            new LslEndpoints[] {LslEndpoints.LSL4J, LslEndpoints.LSL4J},
            new LslEndpoints[] {LslEndpoints.LIBLSL, LslEndpoints.LIBLSL},
            new LslEndpoints[] {LslEndpoints.LSL4J, LslEndpoints.LIBLSL},
            new LslEndpoints[] {LslEndpoints.LIBLSL, LslEndpoints.LSL4J});

    private LslImplementationComparison() {}

    /**
     * The JSON of the comparison: {@code settings}, {@code pairs} ({@code "lsl4j->liblsl": {one_hop: {pushed,
     * samples, p50_ms, p99_ms, max_ms}, throughput: {channels, chunk_samples, samples_per_second,
     * megabytes_per_second, lost}}}, ...) and {@code targets}.
     */
    public static Map<String, Object> run(Path root, LslPairMain.Settings s) throws IOException, InterruptedException {
        LiblslPeerProcess peer = new LiblslPeerProcess(root);
        Map<String, Object> pairs = new LinkedHashMap<>();
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        for (LslEndpoints[] p : PAIRS) {
            String key = p[0].label() + "->" + p[1].label();
            System.err.println("bench lsl: " + key + " ...");
            JsonNode r = peer.run(p[0], p[1], s);
            pairs.put(key, r);
            byName.put(key, r);
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("channels", s.channels());
        settings.put("format", "float32");
        settings.put("hop_rate_hz", s.rate());
        settings.put("hop_samples_per_push", 1);
        settings.put("hop_seconds", s.seconds());
        settings.put("hop_warmup_seconds", s.warmupSeconds());
        settings.put("throughput_chunk_samples", s.chunk());
        settings.put("throughput_seconds", s.throughputSeconds());
        settings.put("process", "outlet and inlet in one child JVM per pair (bench/target/liblsl-peer)");
        Map<String, Object> targets = new LinkedHashMap<>();
        double hop = byName.get("lsl4j->lsl4j").path("one_hop").path("p50_ms").asDouble(Double.NaN);
        double mine = byName.get("lsl4j->lsl4j")
                .path("throughput")
                .path("samples_per_second")
                .asDouble(Double.NaN);
        double theirs = byName.get("liblsl->liblsl")
                .path("throughput")
                .path("samples_per_second")
                .asDouble(Double.NaN);
        targets.put("lsl4j_hop_p50_ms", hop);
        targets.put("lsl4j_hop_p50_target_ms", HOP_P50_TARGET_MS);
        targets.put("lsl4j_hop_p50_met", hop <= HOP_P50_TARGET_MS);
        targets.put("throughput_lsl4j_over_liblsl", Math.round(mine / theirs * 100) / 100.0);
        targets.put("throughput_met", mine >= theirs);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("settings", settings);
        out.put("pairs", pairs);
        out.put("targets", targets);
        return out;
    }
}
