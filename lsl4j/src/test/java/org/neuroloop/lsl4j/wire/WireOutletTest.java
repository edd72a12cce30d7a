package org.neuroloop.lsl4j.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.LslLostException;
import org.neuroloop.lsl4j.liblsl.Lsl;
import org.neuroloop.lsl4j.liblsl.StreamInfo;
import org.neuroloop.lsl4j.liblsl.StreamInlet;
import org.neuroloop.lsl4j.liblsl.StreamResolver;

/**
 * {@link WireOutlet} read by the real liblsl 1.10 (resolver, inlet, time correction) through our JNA binding, on
 * loopback with the repository's lsl_api.cfg, plus raw-socket checks of the feed negotiation and the backlog bound.
 */
class WireOutletTest {
    static final double WAIT = 10.0;

    static String unique(String what) {
        return "nl-wire-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static WireOutlet outlet(
            String name, String type, int channels, double rate, ChannelFormat format, String sourceId) {
        try (StreamInfo info = StreamInfo.create(name, type, channels, rate, format, sourceId)) {
            return new WireOutlet(Lsl4jInfo.of(info.toXml()));
        }
    }

    /** Resolves the outlet by name through liblsl and opens a non-recovering inlet on it. */
    static StreamInlet inletFor(WireOutlet out) {
        List<StreamInfo> found = StreamResolver.resolveByProperty("name", out.name(), 1, WAIT);
        try {
            assertEquals(1, found.size(), "liblsl should resolve exactly one stream named " + out.name());
            assertEquals(out.uid(), found.get(0).uid());
            StreamInlet in = new StreamInlet(found.get(0), 360, 0, false);
            in.open(WAIT);
            return in;
        } finally {
            StreamResolver.closeAll(found);
        }
    }

    @Test
    @Timeout(60)
    void liblslResolvesTheOutletWithItsFields() {
        String name = unique("eeg");
        String source = unique("amp");
        try (WireOutlet out = outlet(name, "EEG", 32, 1000, ChannelFormat.FLOAT32, source)) {
            assertTrue(out.dataPort() >= 16572 && out.dataPort() <= 16603, "data port " + out.dataPort());
            assertTrue(out.servicePort() >= 16572 && out.servicePort() <= 16603, "service port " + out.servicePort());
            for (String[] prop : new String[][] {{"name", name}, {"source_id", source}}) {
                List<StreamInfo> found = StreamResolver.resolveByProperty(prop[0], prop[1], 1, WAIT);
                try {
                    assertEquals(1, found.size(), "streams with " + prop[0] + "=" + prop[1]);
                    StreamInfo s = found.get(0);
                    assertEquals(name, s.name());
                    assertEquals("EEG", s.type());
                    assertEquals(32, s.channelCount());
                    assertEquals(ChannelFormat.FLOAT32, s.channelFormat());
                    assertEquals(1000.0, s.nominalRate());
                    assertEquals(source, s.sourceId());
                    assertEquals(out.uid(), s.uid());
                    assertEquals("default", s.sessionId());
                    assertEquals(110, s.version());
                    double age = Lsl.localClock() - s.createdAt();
                    assertTrue(age >= 0 && age < 60, "created_at " + s.createdAt() + " vs now " + Lsl.localClock());
                } finally {
                    StreamResolver.closeAll(found);
                }
            }
            List<StreamInfo> none =
                    StreamResolver.resolveByPredicate("name='" + name + "' and channel_count=31", 1, 1.5);
            try {
                assertEquals(
                        List.of(), none.stream().map(StreamInfo::uid).toList(), "a non-matching query got an answer");
            } finally {
                StreamResolver.closeAll(none);
            }
        }
    }

    @Test
    @Timeout(60)
    void liblslInletReceivesFloat32SamplesAndChunksExactly() {
        int channels = 32;
        double rate = 1000;
        try (WireOutlet out = outlet(unique("f32"), "EEG", channels, rate, ChannelFormat.FLOAT32, "");
                StreamInlet in = inletFor(out)) {
            assertTrue(out.waitForConsumers(WAIT));
            assertTrue(out.haveConsumers());
            int n = 1000;
            float[] data = new float[n * channels];
            double[] ts = new double[n];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < channels; c++) {
                    data[i * channels + c] = (float) Math.sin(0.01 * i + c) * (c + 1) * 1e-3f + i;
                }
                // chunks carry regular (deducible) timestamps, single samples irregular ones
                ts[i] = i < n / 2 ? 5000.0 + i * 0.001 + (i % 7) * 1e-5 : 6000.0 + (i - n / 2) / rate;
            }
            float[] one = new float[channels];
            double[] oneTs = new double[1];
            for (int i = 0; i < n / 2; i++) {
                System.arraycopy(data, i * channels, one, 0, channels);
                oneTs[0] = ts[i];
                out.pushChunk(one, 1, oneTs, true);
            }
            for (int i = n / 2; i < n; i += 25) {
                out.pushChunk(
                        Arrays.copyOfRange(data, i * channels, (i + 25) * channels),
                        25,
                        Arrays.copyOfRange(ts, i, i + 25),
                        true);
            }
            float[] got = new float[n * channels];
            double[] gotTs = new double[n];
            int k = pullAll(in, got, gotTs, n, channels);
            assertEquals(n, k);
            assertArrayEquals(data, got);
            assertArrayEquals(ts, gotTs);
        }
    }

    static int pullAll(StreamInlet in, float[] got, double[] gotTs, int n, int channels) {
        float[] buf = new float[100 * channels];
        double[] bts = new double[100];
        int k = 0;
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (k < n && System.nanoTime() < deadline) {
            int m = in.pullChunk(buf, bts, 1.0);
            int take = Math.min(m, n - k);
            System.arraycopy(buf, 0, got, k * channels, take * channels);
            System.arraycopy(bts, 0, gotTs, k, take);
            k += take;
        }
        return k;
    }

    @Test
    @Timeout(60)
    void double64AndInt16StreamsArriveConverted() {
        int channels = 4;
        int n = 200;
        double[] values = new double[n * channels];
        double[] ts = new double[n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < channels; c++) {
                values[i * channels + c] = (i * 37 + c * 1001) % 30000 - 15000 + (c == 0 ? 0.25 : 0);
            }
            ts[i] = 100.0 + i / 250.0;
        }
        try (WireOutlet out = outlet(unique("f64"), "EEG", channels, 250, ChannelFormat.DOUBLE64, "");
                StreamInlet in = inletFor(out)) {
            assertTrue(out.waitForConsumers(WAIT));
            out.pushChunk(values, n, ts, true);
            double[] got = new double[n * channels];
            double[] gotTs = new double[n];
            int k = 0;
            double[] bts = new double[n];
            double[] buf = new double[n * channels];
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (k < n && System.nanoTime() < deadline) {
                int m = in.pullChunk(buf, bts, 1.0);
                System.arraycopy(buf, 0, got, k * channels, m * channels);
                System.arraycopy(bts, 0, gotTs, k, m);
                k += m;
            }
            assertEquals(n, k);
            assertArrayEquals(values, got);
            assertArrayEquals(ts, gotTs);
        }
        try (WireOutlet out = outlet(unique("i16"), "EEG", channels, 250, ChannelFormat.INT16, "");
                StreamInlet in = inletFor(out)) {
            assertTrue(out.waitForConsumers(WAIT));
            float[] asFloats = new float[values.length];
            short[] expected = new short[values.length];
            for (int i = 0; i < values.length; i++) {
                asFloats[i] = (float) values[i];
                expected[i] = (short) Math.rint(values[i]);
            }
            out.pushChunk(asFloats, n, ts, true);
            short[] got = new short[n * channels];
            short[] buf = new short[n * channels];
            double[] gotTs = new double[n];
            double[] bts = new double[n];
            int k = 0;
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (k < n && System.nanoTime() < deadline) {
                int m = in.pullChunk(buf, bts, 1.0);
                System.arraycopy(buf, 0, got, k * channels, m * channels);
                System.arraycopy(bts, 0, gotTs, k, m);
                k += m;
            }
            assertEquals(n, k);
            assertArrayEquals(expected, got);
            assertArrayEquals(ts, gotTs);
        }
    }

    @Test
    @Timeout(60)
    void stringMarkersArriveIncludingLongAndNonAscii() {
        List<String> markers = List.of(
                "{\"event\":\"stim\",\"id\":1}",
                "{\"event\":\"µV→Ω\",\"who\":\"Jürgen 漢字\"}",
                "{\"long\":\"" + "x".repeat(300) + "\"}",
                "",
                "{\"event\":\"end\"}");
        try (WireOutlet out = outlet(unique("markers"), "Markers", 1, Lsl.IRREGULAR_RATE, ChannelFormat.STRING, "");
                StreamInlet in = inletFor(out)) {
            assertTrue(out.waitForConsumers(WAIT));
            double[] stamps = {10.5, 11.25, 0.0, 12.0, 13.0};
            double before = Lsl.localClock();
            for (int i = 0; i < markers.size(); i++) {
                out.pushMarker(markers.get(i), stamps[i]);
            }
            double after = Lsl.localClock();
            List<String> got = new ArrayList<>();
            List<Double> gotTs = new ArrayList<>();
            String[] buf = new String[8];
            double[] bts = new double[8];
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (got.size() < markers.size() && System.nanoTime() < deadline) {
                int m = in.pullStrings(buf, bts, 1.0);
                for (int i = 0; i < m; i++) {
                    got.add(buf[i]);
                    gotTs.add(bts[i]);
                }
            }
            assertEquals(markers, got);
            assertEquals(10.5, gotTs.get(0));
            assertEquals(11.25, gotTs.get(1));
            assertTrue(gotTs.get(2) >= before && gotTs.get(2) <= after, "timestamp 0 means now: " + gotTs.get(2));
            assertEquals(13.0, gotTs.get(4));
            assertThrows(IllegalArgumentException.class, () -> out.pushChunk(new float[1], 1, new double[1], true));
        }
    }

    @Test
    @Timeout(60)
    void fullInfoCarriesTheDescAndTimeCorrectionIsNearZero() {
        List<String> labels = List.of("Fz", "Cz", "Pz");
        List<String> units = List.of("microvolts", "microvolts", "microvolts");
        WireOutlet out;
        try (StreamInfo info = StreamInfo.create(unique("desc"), "EEG", 3, 500, ChannelFormat.FLOAT32, unique("src"))) {
            info.setChannels(labels, units, "EEG");
            out = new WireOutlet(Lsl4jInfo.of(info.toXml()));
        }
        try (out;
                StreamInlet in = inletFor(out);
                StreamInfo full = in.info(WAIT)) {
            assertEquals(labels, full.channelLabels());
            assertEquals(units, full.channelUnits());
            assertEquals(out.uid(), full.uid());
            assertEquals(out.name(), full.name());
            double tc = in.timeCorrection(WAIT);
            assertTrue(Math.abs(tc) < 0.002, "time correction to an outlet on this host should be ~0, got " + tc);
        }
    }

    @Test
    @Timeout(60)
    void twoInletsReceiveAndClosingOneDoesNotDisturbTheOther() throws Exception {
        int channels = 2;
        try (WireOutlet out = outlet(unique("two"), "EEG", channels, 100, ChannelFormat.FLOAT32, "")) {
            StreamInlet a = inletFor(out);
            StreamInlet b = inletFor(out);
            try {
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (out.consumerCount() < 2 && System.nanoTime() < deadline) {
                    out.waitForConsumers(0.1);
                    Thread.sleep(10);
                }
                assertEquals(2, out.consumerCount());
                Thread.currentThread().interrupt(); // an interrupted pusher must not close the consumers' sockets
                push(out, 0, 10, channels);
                assertTrue(Thread.interrupted(), "the pusher's interrupt flag is kept");
                float[] got = new float[10 * channels];
                double[] ts = new double[10];
                assertEquals(10, pullAll(a, got, ts, 10, channels));
                assertEquals(9f, got[18]);
                assertEquals(10, pullAll(b, got, ts, 10, channels));
                assertEquals(9f, got[18]);

                a.close();
                deadline = System.nanoTime() + 10_000_000_000L;
                while (out.consumerCount() > 1 && System.nanoTime() < deadline) {
                    push(out, -1, 1, channels); // a hang-up shows on the next send at the latest
                    Thread.sleep(20);
                }
                assertEquals(1, out.consumerCount());
                drain(b, channels);
                push(out, 10, 10, channels);
                assertEquals(10, pullAll(b, got, ts, 10, channels));
                assertEquals(10f, got[0]);
                assertEquals(19f, got[18]);

                out.close();
                out.close(); // idempotent
                assertFalse(out.haveConsumers());
                StreamInlet lostOne = b;
                LslLostException lost = assertThrows(LslLostException.class, () -> {
                    long end = System.nanoTime() + 20_000_000_000L;
                    while (System.nanoTime() < end) {
                        lostOne.pullChunk(got, ts, 0.2);
                    }
                });
                assertTrue(lost.getMessage().contains("lost"), lost.getMessage());
                assertThrows(IllegalStateException.class, () -> push(out, 0, 1, channels));
            } finally {
                a.close();
                b.close();
            }
        }
    }

    static void push(WireOutlet out, int first, int count, int channels) {
        float[] d = new float[count * channels];
        double[] ts = new double[count];
        for (int i = 0; i < count; i++) {
            Arrays.fill(d, i * channels, (i + 1) * channels, first < 0 ? -1 : first + i);
            ts[i] = 1000.0 + (first < 0 ? 0 : first + i) * 0.01;
        }
        out.pushChunk(d, count, ts, true);
    }

    /** Pulls everything already there (the -1 filler samples of the hang-up wait). */
    static void drain(StreamInlet in, int channels) {
        float[] buf = new float[1000 * channels];
        double[] ts = new double[1000];
        while (in.pullChunk(buf, ts, 0.3) > 0) {
            // discard
        }
    }

    @Test
    @Timeout(60)
    void steadyStatePushesDoNotAllocate() {
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        int channels = 8;
        int n = 10;
        try (WireOutlet out = outlet(unique("alloc"), "EEG", channels, 500, ChannelFormat.FLOAT32, "");
                StreamInlet in = inletFor(out)) {
            assertTrue(out.waitForConsumers(WAIT));
            float[] d = new float[n * channels];
            double[] ts = new double[n];
            float[] got = new float[n * channels];
            double[] gotTs = new double[n];
            long allocated = 0;
            for (int r = 0; r < 600; r++) {
                Arrays.fill(d, r);
                for (int i = 0; i < n; i++) {
                    ts[i] = i % 2 == 0 ? 0.0 : 2000.0 + r + i * 0.002; // "now" and given stamps
                }
                long before = mx.getCurrentThreadAllocatedBytes();
                out.pushChunk(d, n, ts, true);
                long after = mx.getCurrentThreadAllocatedBytes();
                if (r >= 300) { // after warm-up (JIT, buffer growth)
                    allocated += after - before;
                }
                assertEquals(n, pullAll(in, got, gotTs, n, channels));
                assertEquals(r, got[n * channels - 1]);
            }
            assertTrue(allocated < 300 * 8L, allocated + " bytes allocated by 300 pushes");
        }
    }

    @Test
    @Timeout(60)
    void aRecoveringLiblslInletFollowsARestartedOutletWithTheSameSourceId() {
        String name = unique("restart");
        String source = unique("src");
        WireOutlet first = outlet(name, "EEG", 2, 100, ChannelFormat.FLOAT32, source);
        List<StreamInfo> found = StreamResolver.resolveByProperty("source_id", source, 1, WAIT);
        assertEquals(1, found.size());
        try (StreamInlet in = new StreamInlet(found.get(0), 360, 0, true)) {
            StreamResolver.closeAll(found);
            in.open(WAIT);
            assertTrue(first.waitForConsumers(WAIT));
            push(first, 0, 5, 2);
            float[] got = new float[10];
            double[] ts = new double[5];
            assertEquals(5, pullAll(in, got, ts, 5, 2));
            first.close();
            try (WireOutlet second = outlet(name, "EEG", 2, 100, ChannelFormat.FLOAT32, source)) {
                // liblsl notices the loss, re-resolves by name/type/source_id/format and connects to the new uid
                assertTrue(second.waitForConsumers(30.0), "the recovering inlet did not reconnect");
                push(second, 100, 5, 2);
                assertEquals(5, pullAll(in, got, ts, 5, 2));
                assertEquals(100f, got[0]);
                assertEquals(104f, got[9]);
            }
        } finally {
            first.close();
        }
    }

    // ---- raw sockets ----

}
