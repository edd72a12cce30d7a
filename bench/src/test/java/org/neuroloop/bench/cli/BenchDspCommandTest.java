package org.neuroloop.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code bench dsp --json} on a shrunken workload prints one JSON object with exactly the agreed keys. */
class BenchDspCommandTest {

    private static final List<String> KEYS = List.of(
            "filter_chunk1_chs_per_s",
            "filter_chunk10_chs_per_s",
            "filter_chunk100_chs_per_s",
            "oas_10k_s",
            "riemann_mean_1k_s",
            "tangent_space_10k_s",
            "mdm_predict_10k_s");

    /** {@code bench dsp} on workloads a hundred times smaller, one run each: seconds, figures meaningless. */
    static final String[] SHRUNKEN = {
        "bench",
        "dsp",
        "--json",
        "--size-divisor",
        "100",
        "--repetitions",
        "1",
        "--warmups",
        "0",
        "--filter-samples",
        "1000"
    };

    @Test
    void jsonHasTheAgreedKeysAndPositiveFigures() throws Exception {
        BenchCliRun run = BenchCliRun.of(SHRUNKEN);
        assertEquals(0, run.code());
        JsonNode json = run.json();
        List<String> expected = new ArrayList<>(KEYS);
        expected.addAll(List.of(
                "reference",
                "reference_source",
                "ratio_vs_reference",
                "single_thread",
                "ratio_single_thread_vs_reference",
                "machine"));
        List<String> actual = new ArrayList<>();
        json.fieldNames().forEachRemaining(actual::add);
        assertEquals(expected, actual);
        for (String key : KEYS) {
            assertTrue(json.get(key).doubleValue() > 0, key + " = " + json.get(key));
            assertTrue(json.get("ratio_vs_reference").has(key), "ratio for " + key);
            assertTrue(json.get("single_thread").get(key).doubleValue() > 0, "single-thread " + key);
            assertTrue(json.get("ratio_single_thread_vs_reference").has(key), "single-thread ratio for " + key);
        }
        assertEquals(0.445, json.get("reference").get("oas_10k_s").doubleValue());
        assertEquals(
                22.8e6, json.get("reference").get("filter_chunk10_chs_per_s").doubleValue());
        assertEquals(
                json.get("reference").get("oas_10k_s").doubleValue()
                        / json.get("oas_10k_s").doubleValue(),
                json.get("ratio_vs_reference").get("oas_10k_s").doubleValue(),
                1e-9);
        assertTrue(json.get("machine").get("cores").asInt() >= 1);
    }
}
