package org.neuroloop.deploy.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.ChunkFlags;

/**
 * The trace feed's hand-over: the task thread's side ({@link SessionTrace#add}) allocates nothing, the decimation
 * keeps every {@code step}-th sample across chunk borders, a slow sender loses the oldest points but never counts,
 * and the sender's JSON is valid in any locale.
 */
class SessionTraceTest {

    static Chunk chunk(long firstSeq, int n, int channels, double rate, int flags) {
        double[] t = new double[n];
        double[] x = new double[n * channels];
        for (int i = 0; i < n; i++) {
            t[i] = 100 + (firstSeq + i) / rate;
            for (int c = 0; c < channels; c++) {
                x[i * channels + c] = (firstSeq + i) + c / 10.0;
            }
        }
        return new Chunk("s1", firstSeq, t, x, channels, rate, flags);
    }

    @Test
    void addingChunksAllocatesNothing() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        Chunk[] chunks = new Chunk[64];
        for (int k = 0; k < chunks.length; k++) {
            chunks[k] = chunk(k, 1, 32, 250, 0);
        }
        SessionTrace trace = new SessionTrace("s1", 250, 125, 4, 100);
        SessionTrace.Snapshot out = new SessionTrace.Snapshot(4);
        for (int k = 0; k < 50_000; k++) {
            trace.add(chunks[k % chunks.length]);
            if (k % 25 == 0) {
                trace.takeSnapshot(out);
            }
        }
        int measured = 20_000;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int k = 0; k < measured; k++) {
            trace.add(chunks[k % chunks.length]);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < measured, allocated + " bytes allocated by " + measured + " adds");
    }

    @Test
    void keepsEveryStepthSampleAcrossChunksAndAlwaysTheCounts() throws Exception {
        SessionTrace trace = new SessionTrace("s1", 250, 125, 2, 100);
        trace.add(chunk(0, 3, 3, 250, 0)); // keeps samples 0 and 2
        trace.add(chunk(3, 3, 3, 250, ChunkFlags.FLAT)); // keeps sample 4
        SessionTrace.Snapshot out = new SessionTrace.Snapshot(4);
        assertTrue(trace.takeSnapshot(out));
        Locale saved = Locale.getDefault();
        StringBuilder b = new StringBuilder();
        try {
            Locale.setDefault(Locale.GERMANY); // a decimal comma must not reach the JSON
            out.appendJson(b, 12.5);
        } finally {
            Locale.setDefault(saved);
        }
        JsonNode m = new ObjectMapper().readTree(b.toString());
        assertEquals("chunks", m.path("type").asText());
        assertEquals(6, m.path("samples").asLong());
        assertEquals(2, m.path("chunks").asLong());
        assertEquals(1, m.path("flagged").asLong());
        assertEquals(ChunkFlags.FLAT, m.path("lastFlags").asInt());
        assertEquals(3, m.path("t").size());
        assertEquals(100 + 4 / 250.0, m.path("t").get(2).asDouble(), 1e-4);
        assertEquals(2, m.path("ch").size(), "two channels of three");
        assertEquals(4.1, m.path("ch").get(1).get(2).asDouble(), 1e-9);
        assertTrue(!trace.takeSnapshot(out) && out.count == 0, "nothing new after a snapshot");

        for (int k = 0; k < 10_000; k++) {
            trace.add(chunk(6 + k, 1, 3, 250, 0)); // a sender far behind: the ring keeps the newest points
        }
        assertTrue(trace.takeSnapshot(out));
        assertEquals(10_006, out.samples);
        assertTrue(out.count > 0 && out.count < 5_000, "points kept: " + out.count);
        assertEquals(100 + 10_004 / 250.0, out.time[out.count - 1], 1e-9);
    }

    @Test
    void decimalsAreFixedPointAndNullWhenNotFinite() {
        StringBuilder b = new StringBuilder();
        for (double v : new double[] {0, -0.004, 1.006, -12.3456, 123456.789, Double.NaN, 5e12}) {
            Decimals.append(b, v, 2);
            b.append(' ');
        }
        Decimals.append(b, 7.00009, 4);
        assertEquals("0.00 0.00 1.01 -12.35 123456.79 null 5.0E12 7.0001", b.toString());
    }
}
