package org.neuroloop.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code bench scale --json} at a tiny size (2 sessions, 4 channels, a few seconds) on a real MiniCluster: one JSON
 * object with the summary and per-step keys, every sample processed, finite lags. No timing assertion: whether
 * the step counts as real time depends on the machine's load.
 */
class BenchScaleCommandTest {

    @Test
    void tinyRunPrintsOneJsonObjectWithFiniteLags() throws Exception {
        BenchCliRun run = BenchCliRun.of(
                "bench",
                "scale",
                "--json",
                "--sessions",
                "2",
                "--channels",
                "4",
                "--rate",
                "250",
                "--seconds",
                "4",
                "--warmup",
                "0.5");
        assertEquals(0, run.code());
        JsonNode json = run.json();
        for (String key : List.of(
                "max_realtime_sessions",
                "realtime_sessions_per_core",
                "cpu_seconds_per_session_second",
                "sessions_per_core",
                "channels",
                "rate",
                "lag_bound_ms",
                "parallelism",
                "steps",
                "machine")) {
            assertTrue(json.has(key), "missing " + key + " in " + json);
        }
        assertEquals(4, json.get("channels").asInt());
        assertEquals(250.0, json.get("rate").asDouble());
        JsonNode steps = json.get("steps");
        assertEquals(1, steps.size());
        JsonNode step = steps.get(0);
        assertEquals(2, step.get("sessions").asInt());
        assertEquals(2L * 4 * 250, step.get("samples").asLong(), "every sample of both sessions reached the probe");
        double p50 = step.get("p50_lag_ms").asDouble();
        double p99 = step.get("p99_lag_ms").asDouble();
        double max = step.get("max_lag_ms").asDouble();
        assertTrue(Double.isFinite(p50) && Double.isFinite(p99) && Double.isFinite(max), step.toString());
        assertTrue(p50 <= p99 && p99 <= max, "percentiles ordered: " + step);
        // processing happens after the newest sample exists; the clock is one monotonic clock
        assertTrue(p50 >= 0, step.toString());
        assertTrue(step.get("chunks_measured").asLong() > 0);
        double cpu = step.get("cpu_seconds_per_session_second").asDouble();
        assertTrue(Double.isFinite(cpu) && cpu > 0, "cpu " + cpu);
        assertEquals(
                step.get("realtime").asBoolean() ? 2 : 0,
                json.get("max_realtime_sessions").asInt());
        assertTrue(json.get("machine").get("cores").asInt() >= 1);
        assertTrue(json.get("machine").has("load_average_start"));
    }
}
