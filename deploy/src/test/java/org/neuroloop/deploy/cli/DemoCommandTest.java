package org.neuroloop.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code neuroloop demo --json} end to end (synthetic outlet, LSL, the job on a MiniCluster, LSL markers back): its
 * standard output is the summary object alone, with the keys scripts read.
 */
class DemoCommandTest {
    static final int SECONDS = 30;
    static final int RATE = 250;

    @Test
    @Timeout(180)
    void jsonSummaryIsTheOnlyOutputAndCountsTheRun() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = NeuroLoopCli.commandLine().execute("demo", "--seconds", Integer.toString(SECONDS), "--json");
        } finally {
            System.setOut(oldOut);
        }
        String text = out.toString(StandardCharsets.UTF_8).strip();
        assertEquals(0, code, text);
        assertEquals(1, text.lines().count(), "stdout holds one JSON line: " + text);
        JsonNode j = new ObjectMapper().readTree(text);
        for (String key : new String[] {
            "sessions",
            "samples",
            "planted_spindles",
            "detections",
            "stimulations",
            "latency_p50_ms",
            "latency_p95_ms",
            "latency_p99_ms",
            "latency_max_ms"
        }) {
            assertTrue(j.has(key), key + " in " + text);
        }
        assertEquals(1, j.get("sessions").asInt());
        assertEquals((long) SECONDS * RATE, j.get("samples").asLong(), "every sample reached the job: " + text);
        int planted = j.get("planted_spindles").asInt();
        assertTrue(planted >= 1, "spindles are planted after the warm-up: " + text);
        assertTrue(j.get("detections").asInt() >= 1, "the planted spindles are detected: " + text);
        assertTrue(j.get("stimulations").asInt() <= j.get("detections").asInt(), text);
    }
}
