package org.neuroloop.lsl4j.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuroloop.lsl4j.wire.LiblslFeeds.DEDUCED;
import static org.neuroloop.lsl4j.wire.LiblslFeeds.collectFloats;
import static org.neuroloop.lsl4j.wire.LiblslFeeds.collectStrings;
import static org.neuroloop.lsl4j.wire.LiblslFeeds.liblslInlet;
import static org.neuroloop.lsl4j.wire.LiblslFeeds.outlet;
import static org.neuroloop.lsl4j.wire.LiblslFeeds.resolve;
import static org.neuroloop.lsl4j.wire.LiblslFeeds.unique;
import static org.neuroloop.lsl4j.wire.LiblslFeeds.warmUp;
import static org.neuroloop.lsl4j.wire.LiblslFeeds.warmUpStrings;
import static org.neuroloop.lsl4j.wire.LiblslFeeds.wireInlet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.liblsl.Lsl;
import org.neuroloop.lsl4j.liblsl.StreamInfo;
import org.neuroloop.lsl4j.liblsl.StreamInlet;
import org.neuroloop.lsl4j.liblsl.StreamOutlet;
import org.neuroloop.lsl4j.wire.LiblslFeeds.Received;

/**
 * {@link WireInlet} pulls against real outlets on loopback ({@link LiblslFeeds}): small capacities, non-waiting and
 * waiting pulls, time correction, and reading NeuroLoop's own {@link WireOutlet} as liblsl's inlet does.
 */
class WireInletPullTest {

    @Test
    @Timeout(60)
    void smallCapacityNonWaitingAndWaitingPullsAndTimeCorrection() throws Exception {
        String name = unique("pulls");
        double rate = 250.0;
        StreamOutlet out = outlet(name, 2, rate, ChannelFormat.FLOAT32);
        WireInlet wire = null;
        try (StreamInfo info = resolve(name)) {
            wire = wireInlet(info);
            warmUp(out, wire);
            float[] buf = new float[2 * 3];
            double[] ts = new double[3];
            while (wire.pullChunk(buf, ts, 0.3) > 0) {
                // drain warm-up samples still in flight
            }
            assertEquals(0, wire.pullChunk(buf, ts, 0.0), "nothing pushed: a non-waiting pull returns 0");

            float[] chunk = new float[2 * 10];
            for (int j = 0; j < chunk.length; j++) {
                chunk[j] = j;
            }
            double[] chunkTs = new double[10];
            Arrays.fill(chunkTs, DEDUCED);
            chunkTs[0] = 6000.0;
            out.pushChunk(chunk, 10, chunkTs, true);
            int total = 0;
            double expectedTs = 6000.0;
            while (total < 10) {
                int n = wire.pullChunk(buf, ts, 10.0);
                assertTrue(n >= 1 && n <= 3, "a pull returns 1..capacity samples, got " + n);
                for (int k = 0; k < n; k++) {
                    assertEquals(2 * (total + k), buf[2 * k]);
                    assertEquals(2 * (total + k) + 1, buf[2 * k + 1]);
                    assertEquals(expectedTs, ts[k], 1e-9);
                    expectedTs += 1.0 / rate;
                }
                total += n;
            }

            // a waiting pull returns with the first sample, long before its timeout
            CompletableFuture<Void> later = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                out.pushChunk(new float[] {42f, -42f}, 1, new double[] {7000.0}, true);
            });
            long t0 = System.nanoTime();
            int n = wire.pullChunk(buf, ts, 30.0);
            double waited = (System.nanoTime() - t0) * 1e-9;
            later.get(10, TimeUnit.SECONDS);
            assertEquals(1, n);
            assertEquals(42f, buf[0]);
            assertEquals(7000.0, ts[0]);
            assertTrue(waited < 15.0, "the pull waited " + waited + " s of its 30 s budget after the sample came");

            double tc = wire.timeCorrection(5.0);
            assertTrue(Math.abs(tc) < 0.002, "time correction to an outlet on this host should be ~0, got " + tc);
            assertEquals(tc, wire.timeCorrection(0.0), "a fresh estimate is returned from the cache");
            assertFalse(wire.wasClockReset());
        } finally {
            if (wire != null) {
                wire.close();
            }
            out.close();
        }
    }

    @Test
    @Timeout(60)
    void readsNeuroLoopsOwnWireOutletLikeLiblsl() {
        String prefix = unique("wire2wire");
        WireOutlet eeg;
        WireOutlet markers;
        try (StreamInfo e =
                        StreamInfo.create(prefix + "-eeg", "EEG", 3, 200.0, ChannelFormat.FLOAT32, prefix + "-eeg");
                StreamInfo m = StreamInfo.create(
                        prefix + "-markers",
                        "Markers",
                        1,
                        Lsl.IRREGULAR_RATE,
                        ChannelFormat.STRING,
                        prefix + "-markers")) {
            eeg = new WireOutlet(Lsl4jInfo.of(e.toXml()));
            markers = new WireOutlet(Lsl4jInfo.of(m.toXml()));
        }
        List<WireInlet> wires = new ArrayList<>();
        StreamInlet lib = null;
        try {
            WireInlet wireEeg;
            WireInlet wireMarkers;
            try (StreamInfo e = resolve(prefix + "-eeg");
                    StreamInfo m = resolve(prefix + "-markers")) {
                wireEeg = wireInlet(e);
                wires.add(wireEeg);
                wireMarkers = wireInlet(m);
                wires.add(wireMarkers);
                lib = liblslInlet(e);
            }
            warmUp(eeg, wireEeg, lib);
            warmUpStrings(markers, wireMarkers);
            float[] values = new float[3 * 40];
            for (int j = 0; j < values.length; j++) {
                values[j] = j * 0.25f - 7f;
            }
            // WireOutlet sends every timestamp (tag 2) and does not treat liblsl's DEDUCED_TIMESTAMP (-1) specially
            double[] ts = new double[40];
            for (int i = 0; i < 40; i++) {
                ts[i] = 8000.0 + i * 0.005;
            }
            eeg.pushChunk(values, 40, ts, true);
            markers.pushStrings(new String[] {"go ü", "x".repeat(400)}, 2, new double[] {8000.05, 8000.06}, true);

            Received w = collectFloats(wireEeg, 40, 7);
            Received l = collectFloats(lib, 40, 7);
            for (int j = 0; j < values.length; j++) {
                assertEquals(values[j], (float) w.values()[j]);
            }
            assertArrayEquals(ts, w.stamps());
            assertArrayEquals(l.values(), w.values(), "same values as liblsl's inlet reading the WireOutlet");
            assertArrayEquals(l.stamps(), w.stamps(), "same timestamps as liblsl's inlet reading the WireOutlet");
            double[] markerTs = new double[2];
            assertEquals(List.of("go ü", "x".repeat(400)), collectStrings(wireMarkers, 2, markerTs));
            assertArrayEquals(new double[] {8000.05, 8000.06}, markerTs);
            double tc = wireEeg.timeCorrection(5.0);
            assertTrue(Math.abs(tc) < 0.002, "time correction to a WireOutlet on this host should be ~0, got " + tc);
        } finally {
            wires.forEach(WireInlet::close);
            if (lib != null) {
                lib.close();
            }
            eeg.close();
            markers.close();
        }
    }
}
