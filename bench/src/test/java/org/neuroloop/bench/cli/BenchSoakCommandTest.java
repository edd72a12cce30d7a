package org.neuroloop.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CI soak: {@code bench soak --json} for 1 minute with 8 sessions of 64 channels at 500 Hz on a real
 * MiniCluster, measured every 5 s. Every sample the sources produce reaches the end of the job exactly once, the
 * lags are ordered and the job keeps up (no growing backlog), and the heap after GC (read from the JVM's own
 * collections, never a forced one) stays far below what keeping the data would take. No timing target: those are
 * for the full-length run.
 *
 * <p>Why one minute is enough: the heap check needs a steady window in which keeping the data would grow the heap
 * well past its 50 MiB bound; 8 sessions (2 MiB/s) over the ~40 s between the first and last steady heap samples
 * would add ~80 MiB, as 4 sessions over the 2-minute run did. 5 s intervals still give 10 steady heap samples and
 * lag percentiles (the losses, duplicates and totals are checked on every sample whatever the length).
 */
class BenchSoakCommandTest {

    /** Stop-the-world collections of the whole heap so far (G1's full collections; 0 under other collectors). */
    private static long fullCollections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .filter(gc -> gc.getName().equals("G1 Old Generation"))
                .mapToLong(GarbageCollectorMXBean::getCollectionCount)
                .sum();
    }

    @Test
    void oneMinuteSoakLosesNoSampleKeepsUpAndHoldsItsHeap() throws Exception {
        long fullCollectionsBefore = fullCollections();
        PrintStream original = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(progress, true, StandardCharsets.UTF_8));
            code = BenchCli.commandLine()
                    .execute(
                            "bench",
                            "soak",
                            "--json",
                            "--sessions",
                            "8",
                            "--minutes",
                            "1",
                            "--interval-seconds",
                            "5",
                            "--warmup",
                            "10");
        } finally {
            System.setOut(original);
            System.setErr(originalErr);
        }
        long fullCollectionsAfter = fullCollections();
        String out = buffer.toString(StandardCharsets.UTF_8).trim();
        assertEquals(0, code, out);
        JsonNode json = new ObjectMapper().readTree(out);
        assertTrue(json.get("completed").asBoolean(), json.toString());
        long produced = 8L * 60 * 500;
        assertEquals(produced, json.get("samples_produced").asLong());
        assertEquals(produced, json.get("samples_seen").asLong(), "every sample reached the end of the job");
        assertEquals(0, json.get("samples_lost").asLong());
        assertEquals(0, json.get("samples_duplicated").asLong());

        JsonNode intervals = json.get("intervals");
        assertTrue(intervals.size() >= 10, "a heap sample every 5 s: " + intervals.size());
        assertTrue(intervals.get(0).get("startup").asBoolean());
        long samples = 0;
        List<Double> p50s = new ArrayList<>();
        double maxHeap = json.get("machine").get("max_heap_mb").asDouble();
        for (JsonNode i : intervals) {
            samples += i.get("samples").asLong();
            assertEquals(0, i.get("samples_lost").asLong(), i.toString());
            double heap = i.get("heap_after_gc_mb").asDouble();
            assertTrue(heap > 0 && heap < maxHeap, i.toString());
            assertTrue(i.get("collections").asInt() >= 0 && i.get("gc_pause_ms").asDouble() >= 0, i.toString());
            if (i.get("chunks").asLong() == 0) {
                // nothing arrived (a loaded machine can take the whole start-up window to deploy): no lags
                assertTrue(Double.isNaN(i.get("p99_lag_ms").asDouble()), i.toString());
                continue;
            }
            double p50 = i.get("p50_lag_ms").asDouble();
            double p99 = i.get("p99_lag_ms").asDouble();
            assertTrue(p50 >= 0 && p50 <= p99 && p99 <= i.get("max_lag_ms").asDouble(), i.toString());
            if (!i.get("startup").asBoolean()) {
                p50s.add(p50);
            }
        }
        assertEquals(produced, samples, "the intervals add up to the run");
        Collections.sort(p50s);
        // a job that falls behind ends with a backlog of seconds; one that keeps up delivers a chunk in milliseconds
        assertTrue(p50s.get(p50s.size() / 2) < 1000, "median interval p50 lag " + p50s);

        JsonNode heap = json.get("heap_after_gc");
        assertTrue(heap.get("samples").asInt() >= 8, heap.toString());
        // retaining the data would add 8 x 500 x 64 x 8 B = 2 MiB per second, ~80 MiB in the steady window
        assertTrue(
                Math.abs(heap.get("last_mb").asDouble() - heap.get("first_mb").asDouble()) < 50, heap.toString());
        assertTrue(json.get("cpu_seconds_per_session_second").asDouble() > 0);

        // the heap is read from the collections the JVM makes on its own: the soak forces none
        assertEquals(fullCollectionsBefore, fullCollectionsAfter, "full collections during the soak");
        assertTrue(json.get("collections").asInt() > 0, "the run's own collections were seen");
        assertFalse(json.get("collectors").isEmpty());

        // p99 lag reported for every steady interval against the bound, and overall
        assertEquals(100, json.get("lag_bound_ms").asDouble());
        int steady = json.get("intervals_steady").asInt();
        int under = 0;
        for (JsonNode i : intervals) {
            if (!i.get("startup").asBoolean() && i.get("p99_lag_ms").asDouble() < 100) {
                under++;
            }
        }
        assertEquals(intervals.size() - 1, steady);
        assertEquals(under, json.get("intervals_p99_under_bound").asInt());
        assertEquals(under == steady, json.get("p99_under_bound_throughout").asBoolean());
        assertTrue(json.get("p99_lag_ms").asDouble() >= json.get("p50_lag_ms").asDouble());

        String lines = progress.toString(StandardCharsets.UTF_8);
        assertTrue(lines.contains("soak start-up") && lines.contains("heap after GC"), lines);
        assertFalse(json.get("heap_after_gc").get("slope_mb_per_hour").isNull());
    }
}
