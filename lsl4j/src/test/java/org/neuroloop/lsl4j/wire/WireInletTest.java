package org.neuroloop.lsl4j.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.LslInlet;
import org.neuroloop.lsl4j.LslLostException;
import org.neuroloop.lsl4j.LslOutlet;
import org.neuroloop.lsl4j.liblsl.Lsl;
import org.neuroloop.lsl4j.liblsl.StreamInfo;
import org.neuroloop.lsl4j.liblsl.StreamInlet;
import org.neuroloop.lsl4j.liblsl.StreamOutlet;
import org.neuroloop.lsl4j.liblsl.StreamResolver;

/**
 * {@link WireInlet} reading real liblsl 1.10 outlets on loopback, resolved with liblsl's resolver, checked against the
 * pushed values and against liblsl's own {@link StreamInlet} reading the same outlet.
 *
 * <p>liblsl queues samples for an inlet only once its feed session is set up, so every test first pushes "warm-up"
 * samples (timestamp {@value #WARM_TS}) until each inlet has seen one, and the collectors skip them.
 */
class WireInletTest {
    private static final double WARM_TS = 1.0;
    /** liblsl's DEDUCED_TIMESTAMP: the outlet sends the sample with tag 1 (no timestamp on the wire). */
    private static final double DEDUCED = -1.0;

    private static String unique(String what) {
        return "nl-wi-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static StreamOutlet outlet(String name, int channels, double rate, ChannelFormat format) {
        try (StreamInfo info = StreamInfo.create(name, "EEG", channels, rate, format, name + "-src")) {
            return new StreamOutlet(info);
        }
    }

    private static StreamInfo resolve(String name) {
        List<StreamInfo> found = StreamResolver.resolveByProperty("name", name, 1, 15.0);
        assertFalse(found.isEmpty(), "stream " + name + " not resolved");
        for (int i = 1; i < found.size(); i++) {
            found.get(i).close();
        }
        return found.get(0);
    }

    private static WireInlet wireInlet(StreamInfo info) {
        WireInlet in = new WireInlet(StreamEndpoint.fromXml(info.toXml()), 360);
        in.open(10.0);
        return in;
    }

    private static StreamInlet liblslInlet(StreamInfo info) {
        StreamInlet in = new StreamInlet(info, 360, 0, false);
        in.open(10.0);
        return in;
    }

    private static boolean allTrue(boolean[] b) {
        for (boolean x : b) {
            if (!x) {
                return false;
            }
        }
        return true;
    }

    /** What an inlet delivered after the warm-up: values sample-major and one timestamp per sample. */
    record Received(double[] values, double[] stamps) {}

    /** One pull of up to {@code ts.length} samples into {@code values} (sample-major doubles); returns how many. */
    private interface Pull {
        int pull(double[] values, double[] ts);
    }

    /** Pulls {@code n} samples (skipping warm-up ones) with float pulls of {@code capacity} samples. */
    private static Received collectFloats(LslInlet in, int n, int capacity) {
        float[] buf = new float[capacity * in.channelCount()];
        return collect(in.channelCount(), n, capacity, (values, ts) -> {
            int got = in.pullChunk(buf, ts, 1.0);
            for (int i = 0; i < got * in.channelCount(); i++) {
                values[i] = buf[i];
            }
            return got;
        });
    }

    /** Like {@link #collectFloats} with double pulls. */
    private static Received collectDoubles(LslInlet in, int n, int capacity) {
        return collect(in.channelCount(), n, capacity, (values, ts) -> in.pullChunk(values, ts, 1.0));
    }

    private static Received collect(int ch, int n, int capacity, Pull pull) {
        double[] buf = new double[capacity * ch];
        double[] ts = new double[capacity];
        double[] values = new double[n * ch];
        double[] stamps = new double[n];
        int have = 0;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (have < n) {
            assertTrue(System.nanoTime() < deadline, "only " + have + " of " + n + " samples arrived");
            int got = pull.pull(buf, ts);
            for (int i = 0; i < got; i++) {
                if (ts[i] == WARM_TS) {
                    continue;
                }
                assertTrue(have < n, "more samples than pushed");
                System.arraycopy(buf, i * ch, values, have * ch, ch);
                stamps[have++] = ts[i];
            }
        }
        return new Received(values, stamps);
    }

    private static List<String> collectStrings(LslInlet in, int n, double[] stamps) {
        String[] buf = new String[8];
        double[] ts = new double[8];
        List<String> out = new ArrayList<>();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (out.size() < n) {
            assertTrue(System.nanoTime() < deadline, "only " + out.size() + " of " + n + " markers arrived");
            int got = in.pullStrings(buf, ts, 1.0);
            for (int i = 0; i < got; i++) {
                if (ts[i] != WARM_TS) {
                    stamps[out.size()] = ts[i];
                    out.add(buf[i]);
                }
            }
        }
        return out;
    }

    @Test
    @Timeout(60)
    void float32SamplesAndChunksArriveExactlyAsPushedAndAsLiblslReadsThem() {
        int ch = 32;
        double rate = 1000.0;
        int n = 1000;
        String name = unique("f32");
        StreamOutlet out = outlet(name, ch, rate, ChannelFormat.FLOAT32);
        WireInlet wire = null;
        StreamInlet lib = null;
        try (StreamInfo info = resolve(name)) {
            wire = wireInlet(info);
            lib = liblslInlet(info);
            warmUp(out, wire, lib);

            float[] values = new float[n * ch];
            double[] expectedTs = new double[n];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < ch; c++) {
                    values[i * ch + c] = (i - 500) * 0.5f + c * 0.001f + (c % 2 == 0 ? 1e-6f : -3.25e4f);
                }
            }
            // 500 single samples with transmitted timestamps
            for (int i = 0; i < 500; i++) {
                expectedTs[i] = 2000.0 + i / rate;
                out.pushChunk(Arrays.copyOfRange(values, i * ch, (i + 1) * ch), 1, new double[] {expectedTs[i]}, true);
            }
            // 50 chunks of 10: the first sample carries its timestamp, the others are deduced (tag 1)
            for (int k = 0; k < 50; k++) {
                int first = 500 + 10 * k;
                double[] ts = new double[10];
                Arrays.fill(ts, DEDUCED);
                ts[0] = 3000.0 + first / rate;
                for (int j = 0; j < 10; j++) {
                    expectedTs[first + j] = ts[0] + j / rate;
                }
                out.pushChunk(Arrays.copyOfRange(values, first * ch, (first + 10) * ch), 10, ts, true);
            }

            Received w = collectFloats(wire, n, 64);
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < ch; c++) {
                    assertEquals(values[i * ch + c], (float) w.values()[i * ch + c], "sample " + i + " channel " + c);
                }
                assertEquals(expectedTs[i], w.stamps()[i], 1e-9, "timestamp of sample " + i);
            }
            Received l = collectFloats(lib, n, 64);
            assertArrayEquals(l.values(), w.values(), "same values as liblsl's inlet");
            assertArrayEquals(l.stamps(), w.stamps(), "same timestamps as liblsl's inlet (deduced ones included)");
        } finally {
            if (wire != null) {
                wire.close();
            }
            if (lib != null) {
                lib.close();
            }
            out.close();
        }
    }

    @Test
    @Timeout(60)
    void double64AndIntegerStreamsArriveExactly() {
        String prefix = unique("num");
        double rate = 500.0;
        int ch = 4;
        int n = 200;
        ChannelFormat[] formats = {
            ChannelFormat.DOUBLE64, ChannelFormat.INT16, ChannelFormat.INT32, ChannelFormat.INT8, ChannelFormat.INT64
        };
        List<StreamOutlet> outlets = new ArrayList<>();
        List<WireInlet> inlets = new ArrayList<>();
        try {
            for (ChannelFormat f : formats) {
                outlets.add(outlet(prefix + "-" + f.xmlName(), ch, rate, f));
            }
            for (ChannelFormat f : formats) {
                try (StreamInfo info = resolve(prefix + "-" + f.xmlName())) {
                    assertEquals(f, info.channelFormat());
                    inlets.add(wireInlet(info));
                }
            }
            for (int k = 0; k < formats.length; k++) {
                ChannelFormat f = formats[k];
                StreamOutlet out = outlets.get(k);
                warmUp(out, inlets.get(k));
                double[] expected = new double[n * ch];
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < ch; c++) {
                        expected[i * ch + c] = value(f, i, c);
                    }
                }
                double[] ts = new double[n];
                Arrays.fill(ts, DEDUCED);
                double[] expectedTs = new double[n];
                for (int i = 0; i < n; i++) {
                    if (i % 20 == 0) {
                        ts[i] = 4000.0 + i / rate;
                    }
                    expectedTs[i] = i % 20 == 0 ? ts[i] : expectedTs[i - 1] + 1.0 / rate;
                }
                for (int first = 0; first < n; first += 20) {
                    double[] chunkTs = Arrays.copyOfRange(ts, first, first + 20);
                    switch (f) {
                        case DOUBLE64 ->
                            out.pushChunk(
                                    Arrays.copyOfRange(expected, first * ch, (first + 20) * ch), 20, chunkTs, true);
                        case INT16 -> {
                            short[] s = new short[20 * ch];
                            for (int j = 0; j < s.length; j++) {
                                s[j] = (short) expected[first * ch + j];
                            }
                            out.pushChunk(s, 20, chunkTs, true);
                        }
                        case INT8 -> {
                            byte[] s = new byte[20 * ch];
                            for (int j = 0; j < s.length; j++) {
                                s[j] = (byte) expected[first * ch + j];
                            }
                            out.pushChunk(s, 20, chunkTs, true);
                        }
                        case INT64 -> {
                            long[] s = new long[20 * ch];
                            for (int j = 0; j < s.length; j++) {
                                s[j] = (long) expected[first * ch + j];
                            }
                            out.pushChunk(s, 20, chunkTs, true);
                        }
                        default -> {
                            int[] s = new int[20 * ch];
                            for (int j = 0; j < s.length; j++) {
                                s[j] = (int) expected[first * ch + j];
                            }
                            out.pushChunk(s, 20, chunkTs, true);
                        }
                    }
                }
                Received w = collectDoubles(inlets.get(k), n, 50);
                assertArrayEquals(expected, w.values(), "values of the " + f.xmlName() + " stream");
                assertArrayEquals(expectedTs, w.stamps(), "timestamps of the " + f.xmlName() + " stream");
            }
        } finally {
            inlets.forEach(WireInlet::close);
            outlets.forEach(StreamOutlet::close);
        }
    }

    /** Distinct values per sample and channel reaching each format's extremes. */
    private static double value(ChannelFormat f, int i, int c) {
        return switch (f) {
            case DOUBLE64 ->
                c == 0
                        ? 1e-300 * (i + 1)
                        : c == 1 ? -123456.789012345 * i : c == 2 ? Math.PI * i : -Double.MAX_VALUE / (i + 1);
            case INT16 ->
                c == 0 ? Short.MAX_VALUE - i : c == 1 ? Short.MIN_VALUE + i : (i * 97 - 9000) * (c == 2 ? 1 : -1);
            case INT8 ->
                c == 0
                        ? Byte.MAX_VALUE - i % 100
                        : c == 1 ? Byte.MIN_VALUE + i % 100 : (i % 200 - 100) * (c == 2 ? 1 : -1);
            // int64 values stay within ±2^53 so the double pull is exact
            case INT64 -> c == 0 ? (1L << 53) - i : c == 1 ? -(1L << 53) + i : (i * 1_000_000_007L) * (c == 2 ? 1 : -1);
            default ->
                c == 0
                        ? Integer.MAX_VALUE - i
                        : c == 1 ? Integer.MIN_VALUE + i : (i * 1_000_003 - 77) * (c == 2 ? 1 : -1);
        };
    }

    @Test
    @Timeout(60)
    void markersWithLongAndNonAsciiTextArriveAsLiblslReadsThem() {
        String name = unique("markers");
        StreamOutlet out = outlet(name, 1, Lsl.IRREGULAR_RATE, ChannelFormat.STRING);
        WireInlet wire = null;
        StreamInlet lib = null;
        try (StreamInfo info = resolve(name)) {
            wire = wireInlet(info);
            lib = liblslInlet(info);
            warmUpStrings(out, wire, lib);
            String longOne = "trial 17 / " + "x".repeat(300) + " / end";
            List<String> markers = List.of("stim/on", longOne, "Reiz ü – € 😀 刺激", "", "chunk-a", "chunk-b", "chunk-c");
            double[] expectedTs = {5000.25, 5000.5, 5000.75, 5001.0, 5002.0, 5002.0, 5002.0};
            for (int i = 0; i < 4; i++) {
                out.pushStrings(new String[] {markers.get(i)}, 1, new double[] {expectedTs[i]}, true);
            }
            // irregular stream: deduced timestamps repeat the previous one
            out.pushStrings(
                    markers.subList(4, 7).toArray(new String[0]), 3, new double[] {5002.0, DEDUCED, DEDUCED}, true);

            double[] wireTs = new double[markers.size()];
            assertEquals(markers, collectStrings(wire, markers.size(), wireTs));
            assertArrayEquals(expectedTs, wireTs);
            double[] libTs = new double[markers.size()];
            assertEquals(markers, collectStrings(lib, markers.size(), libTs), "liblsl's inlet reads the same");
            assertArrayEquals(libTs, wireTs);
        } finally {
            if (wire != null) {
                wire.close();
            }
            if (lib != null) {
                lib.close();
            }
            out.close();
        }
    }

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

    /** Pushes warm-up samples until every inlet received one (numeric streams). */
    private static void warmUp(LslOutlet out, LslInlet... inlets) {
        int ch = out.channelCount();
        boolean[] got = new boolean[inlets.length];
        double[] scratch = new double[64 * ch];
        double[] ts = new double[64];
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!allTrue(got)) {
            assertTrue(System.nanoTime() < deadline, "warm-up samples never arrived");
            out.pushChunk(new double[ch], 1, new double[] {WARM_TS}, true);
            for (int k = 0; k < inlets.length; k++) {
                got[k] |= inlets[k].pullChunk(scratch, ts, 0.05) > 0;
            }
        }
    }

    private static void warmUpStrings(LslOutlet out, LslInlet... inlets) {
        boolean[] got = new boolean[inlets.length];
        String[] scratch = new String[64];
        double[] ts = new double[64];
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!allTrue(got)) {
            assertTrue(System.nanoTime() < deadline, "warm-up markers never arrived");
            out.pushStrings(new String[] {"warm"}, 1, new double[] {WARM_TS}, true);
            for (int k = 0; k < inlets.length; k++) {
                got[k] |= inlets[k].pullStrings(scratch, ts, 0.05) > 0;
            }
        }
    }

    @Test
    @Timeout(60)
    void closingTheOutletLosesTheStream() {
        String name = unique("lost");
        StreamOutlet out = outlet(name, 1, 100.0, ChannelFormat.FLOAT32);
        WireInlet wire = null;
        boolean outletClosed = false;
        try (StreamInfo info = resolve(name)) {
            wire = wireInlet(info);
            warmUp(out, wire);
            out.close();
            outletClosed = true;
            float[] buf = new float[16];
            double[] ts = new double[16];
            long deadline = System.nanoTime() + 20_000_000_000L;
            LslLostException lost = null;
            while (lost == null && System.nanoTime() < deadline) {
                try {
                    wire.pullChunk(buf, ts, 1.0);
                } catch (LslLostException e) {
                    lost = e;
                }
            }
            assertTrue(lost != null, "no LslLostException within 20 s of closing the outlet");
            WireInlet w = wire;
            assertThrows(LslLostException.class, () -> w.pullChunk(buf, ts, 0.0), "the inlet stays lost");
        } finally {
            if (wire != null) {
                wire.close();
            }
            if (!outletClosed) {
                out.close();
            }
        }
    }

    @Test
    @Timeout(60)
    void aResolvedUidThatTheOutletNoLongerServesIsLost() {
        String name = unique("replaced");
        StreamOutlet first = outlet(name, 1, 100.0, ChannelFormat.FLOAT32);
        StreamOutlet second = null;
        try {
            String oldXml;
            try (StreamInfo info = resolve(name)) {
                oldXml = info.toXml();
            }
            first.close();
            first = null;
            second = outlet(name, 1, 100.0, ChannelFormat.FLOAT32);
            // the old info: 404 if the new outlet took over the port, refused otherwise; lost either way
            try (WireInlet stale = new WireInlet(StreamEndpoint.fromXml(oldXml), 10)) {
                assertThrows(LslLostException.class, () -> stale.open(10.0));
            }
            // the new outlet's address with a uid it does not serve: exactly the 404 case
            try (StreamInfo info = resolve(name)) {
                StreamEndpoint current = StreamEndpoint.fromXml(info.toXml());
                String xml =
                        info.toXml().replace(current.uid(), UUID.randomUUID().toString());
                try (WireInlet wrong = new WireInlet(StreamEndpoint.fromXml(xml), 10)) {
                    LslLostException e = assertThrows(LslLostException.class, () -> wrong.open(10.0));
                    assertTrue(e.getMessage().contains("404"), e.getMessage());
                }
            }
        } finally {
            if (first != null) {
                first.close();
            }
            if (second != null) {
                second.close();
            }
        }
    }
}
