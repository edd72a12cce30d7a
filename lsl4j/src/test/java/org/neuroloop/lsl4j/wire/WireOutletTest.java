package org.neuroloop.lsl4j.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.liblsl.Lsl;
import org.neuroloop.lsl4j.LslConfig;
import org.neuroloop.lsl4j.LslException;
import org.neuroloop.lsl4j.LslLostException;
import org.neuroloop.lsl4j.liblsl.StreamInfo;
import org.neuroloop.lsl4j.liblsl.StreamInlet;
import org.neuroloop.lsl4j.liblsl.StreamResolver;

/**
 * {@link WireOutlet} read by the real liblsl 1.10 (resolver, inlet, time correction) through our JNA binding, on
 * loopback with the repository's lsl_api.cfg, plus raw-socket checks of the feed negotiation and the backlog bound.
 */
class WireOutletTest {
    private static final double WAIT = 10.0;

    private static String unique(String what) {
        return "nl-wire-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static WireOutlet outlet(String name, String type, int channels, double rate, ChannelFormat format, String sourceId) {
        try (StreamInfo info = StreamInfo.create(name, type, channels, rate, format, sourceId)) {
            return new WireOutlet(Lsl4jInfo.of(info.toXml()));
        }
    }

    /** Resolves the outlet by name through liblsl and opens a non-recovering inlet on it. */
    private static StreamInlet inletFor(WireOutlet out) {
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
            List<StreamInfo> none = StreamResolver.resolveByPredicate("name='" + name + "' and channel_count=31", 1, 1.5);
            try {
                assertEquals(List.of(), none.stream().map(StreamInfo::uid).toList(), "a non-matching query got an answer");
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
                out.pushChunk(Arrays.copyOfRange(data, i * channels, (i + 25) * channels), 25,
                        Arrays.copyOfRange(ts, i, i + 25), true);
            }
            float[] got = new float[n * channels];
            double[] gotTs = new double[n];
            int k = pullAll(in, got, gotTs, n, channels);
            assertEquals(n, k);
            assertArrayEquals(data, got);
            assertArrayEquals(ts, gotTs);
        }
    }

    private static int pullAll(StreamInlet in, float[] got, double[] gotTs, int n, int channels) {
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
        List<String> markers = List.of("{\"event\":\"stim\",\"id\":1}", "{\"event\":\"µV→Ω\",\"who\":\"Jürgen 漢字\"}",
                "{\"long\":\"" + "x".repeat(300) + "\"}", "", "{\"event\":\"end\"}");
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
        try (out; StreamInlet in = inletFor(out); StreamInfo full = in.info(WAIT)) {
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

    private static void push(WireOutlet out, int first, int count, int channels) {
        float[] d = new float[count * channels];
        double[] ts = new double[count];
        for (int i = 0; i < count; i++) {
            Arrays.fill(d, i * channels, (i + 1) * channels, first < 0 ? -1 : first + i);
            ts[i] = 1000.0 + (first < 0 ? 0 : first + i) * 0.01;
        }
        out.pushChunk(d, count, ts, true);
    }

    /** Pulls everything already there (the -1 filler samples of the hang-up wait). */
    private static void drain(StreamInlet in, int channels) {
        float[] buf = new float[1000 * channels];
        double[] ts = new double[1000];
        while (in.pullChunk(buf, ts, 0.3) > 0) {
            // discard
        }
    }

    @Test
    @Timeout(60)
    void steadyStatePushesDoNotAllocate() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
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

    @Test
    @Timeout(30)
    void failsClearlyWhenNoPortOfTheRangeIsFreeAndWaitsForConsumersWithATimeout() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             StreamInfo info = StreamInfo.create(unique("full"), "EEG", 1, 10, ChannelFormat.FLOAT32, "")) {
            LslConfig oneTakenPort = new LslConfig(taken.getLocalPort(), 1, 0, "disable", "machine", List.of(), 0, List.of(),
                    "default", null);
            LslException e = assertThrows(LslException.class,
                    () -> new WireOutlet(Lsl4jInfo.of(info.toXml()), 360, oneTakenPort));
            assertTrue(e.getMessage().contains("no free TCP port on 127.0.0.1 in " + taken.getLocalPort()), e.getMessage());
            try (WireOutlet out = new WireOutlet(Lsl4jInfo.of(info.toXml()), 360)) {
                assertFalse(out.waitForConsumers(0.2));
                assertFalse(out.haveConsumers());
            }
        }
    }

    @Test
    @Timeout(30)
    void closeEndsEveryThreadOfTheOutlet() {
        String name = unique("threads");
        WireOutlet out = outlet(name, "EEG", 1, 10, ChannelFormat.FLOAT32, "");
        try (StreamInlet in = inletFor(out)) {
            assertTrue(out.waitForConsumers(WAIT));
            List<String> threads = outletThreads(name);
            assertTrue(threads.contains("lsl-wire-" + name + "-accept") && threads.contains("lsl-wire-" + name + "-service")
                    && threads.stream().anyMatch(t -> t.startsWith("lsl-wire-" + name + "-feed-")), threads.toString());
            out.close();
            assertEquals(List.of(), outletThreads(name));
        } finally {
            out.close();
        }
    }

    private static List<String> outletThreads(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("lsl-wire-" + name + "-")).sorted().toList();
    }

    @Test
    @Timeout(60)
    void consumersComingAndGoingWhilePushingNeverDisturbThePusher() throws Exception {
        int channels = 4;
        try (WireOutlet out = outlet(unique("churn"), "EEG", channels, 1000, ChannelFormat.FLOAT32, "")) {
            java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            Thread pusher = new Thread(() -> {
                float[] d = new float[10 * channels];
                double[] ts = new double[10];
                try {
                    while (!stop.get()) {
                        out.pushChunk(d, 10, ts, true); // timestamps 0: now
                        java.util.concurrent.locks.LockSupport.parkNanos(200_000);
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "test-pusher");
            pusher.start();
            try {
                for (int k = 0; k < 30; k++) {
                    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), out.dataPort())) {
                        s.setSoTimeout(10_000);
                        s.getOutputStream().write(("LSL:streamfeed/110 " + out.uid() + "\r\nData-Protocol-Version: 110\r\n"
                                + "Max-Buffer-Length: 1000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        if (k % 3 != 0) { // some hang up at once, others after reading some data
                            assertTrue(s.getInputStream().readNBytes(4096).length == 4096);
                        }
                    }
                }
                try (StreamInlet in = inletFor(out)) {
                    float[] got = new float[100 * channels];
                    double[] ts = new double[100];
                    assertEquals(100, pullAll(in, got, ts, 100, channels));
                }
            } finally {
                stop.set(true);
                pusher.join(10_000);
            }
            assertEquals(null, failure.get());
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (out.haveConsumers() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertFalse(out.haveConsumers(), "every departed consumer is removed");
        }
    }

    // ---- raw sockets ----

    private static String request(WireOutlet out, String request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), out.dataPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    @Timeout(60)
    void feedNegotiationAnswers404And505AndTestPatterns() throws Exception {
        try (WireOutlet out = outlet(unique("raw"), "EEG", 3, 100, ChannelFormat.FLOAT32, "")) {
            assertEquals("LSL/110 404 Not found\r\n\r\n",
                    request(out, "LSL:streamfeed/110 not-" + out.uid() + "\r\nMax-Buffer-Length: 10\r\n\r\n"));
            assertEquals("LSL/110 505 Version not supported\r\n\r\n",
                    request(out, "LSL:streamfeed/999 " + out.uid() + "\r\n\r\n"));
            assertEquals("", request(out, "LSL:streamfeed\r\n360 0\r\n"), "protocol 1.00 is refused");
            assertEquals("", request(out, "HELLO\r\n"));
            String full = request(out, "LSL:fullinfo\r\n");
            assertTrue(full.startsWith("<?xml version=\"1.0\"?>\n<info>") && full.contains("<uid>" + out.uid() + "</uid>"), full);
            assertTrue(request(out, "LSL:shortinfo\r\nname='" + out.name() + "'\r\n").contains("<desc/>"));
            assertEquals("", request(out, "LSL:shortinfo\r\nname='someone else'\r\n"));
            assertEquals("", request(out, "LSL:shortinfo\r\nname=='broken\r\n"), "an invalid query gets no answer");

            // Max-Buffer-Length 0: header and test patterns only, then the server closes
            String reply = request(out, "LSL:streamfeed/110 " + out.uid() + "\r\nnative-byte-order: 1234 ; a comment\r\n"
                    + "VALUE-SIZE: 4\r\nData-Protocol-Version: 110\r\nMax-Buffer-Length: 0\r\n\r\n");
            String header = "LSL/110 200 OK\r\nUID: " + out.uid() + "\r\nByte-Order: 1234\r\nSuppress-Subnormals: 0\r\n"
                    + "Data-Protocol-Version: 110\r\n\r\n";
            assertTrue(reply.startsWith(header), reply);
            ByteBuffer body = SampleCodec.buffer(64);
            body.put(reply.substring(header.length()).getBytes(StandardCharsets.ISO_8859_1)).flip();
            SampleCodec codec = new SampleCodec(ChannelFormat.FLOAT32, 3, 100);
            codec.checkTestPattern(body, 4);
            codec.checkTestPattern(body, 2);
            assertFalse(body.hasRemaining());
            assertFalse(out.haveConsumers());
        }
    }

    @Test
    @Timeout(60)
    void aConsumerThatNeverReadsLosesItsOldestSamplesWithoutBlockingThePusher() throws Exception {
        int channels = 32;
        try (WireOutlet out = outlet(unique("stall"), "EEG", channels, 1000, ChannelFormat.FLOAT32, "");
             Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), out.dataPort()), 5000);
            OutputStream os = stalled.getOutputStream();
            os.write(("LSL:streamfeed/110 " + out.uid() + "\r\nData-Protocol-Version: 110\r\nMax-Buffer-Length: 100\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream is = stalled.getInputStream();
            assertTrue(new String(is.readNBytes(15), StandardCharsets.US_ASCII).startsWith("LSL/110 200 OK"));
            assertTrue(out.waitForConsumers(WAIT));
            try (StreamInlet live = inletFor(out)) {
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (out.consumerCount() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertEquals(2, out.consumerCount());
                int chunk = 1000;
                float[] d = new float[chunk * channels];
                double[] ts = new double[chunk];
                float[] got = new float[chunk * channels];
                double[] gotTs = new double[chunk];
                for (int k = 0; k < 100; k++) { // 13.7 MB: far beyond the stalled socket's buffers
                    Arrays.fill(d, k);
                    for (int i = 0; i < chunk; i++) {
                        ts[i] = 50.0 + k + i * 0.001;
                    }
                    out.pushChunk(d, chunk, ts, true);
                    assertEquals(chunk, pullAll(live, got, gotTs, chunk, channels), "the live consumer lags at chunk " + k);
                    assertEquals(k, got[chunk * channels - 1]);
                }
                assertTrue(out.droppedSamples() > 0, "the stalled consumer's backlog should have overflowed");
                assertEquals(2, out.consumerCount());
            }
            // when it reads at last, the stalled consumer gets an intact stream: whole samples, oldest ones missing
            stalled.setSoTimeout(10_000);
            int received = readIntactFeed(is, channels, 99.0);
            assertTrue(received > 0 && received < 100 * 1000, received + " samples after the stall");
        }
    }

    /**
     * Reads a feed after its status line up to the sample with value {@code last}, checking the test patterns and
     * that every sample is whole (tag 2, all channels equal to {@code floor(ts - 50)}) with increasing timestamps.
     */
    private static int readIntactFeed(InputStream is, int channels, double last) throws IOException {
        SampleCodec codec = new SampleCodec(ChannelFormat.FLOAT32, channels, 1000);
        ByteBuffer buf = SampleCodec.buffer(1 << 20);
        buf.flip();
        boolean header = false;
        int patterns = 0;
        int samples = 0;
        double previous = 0;
        float[] row = new float[channels];
        byte[] chunk = new byte[1 << 16];
        while (true) {
            int n = is.read(chunk);
            assertTrue(n > 0, "feed ended before the last sample");
            buf.compact().put(chunk, 0, n).flip();
            if (!header) {
                String text = new String(buf.array(), 0, buf.limit(), StandardCharsets.ISO_8859_1);
                int end = text.indexOf("\r\n\r\n");
                if (end < 0) {
                    continue;
                }
                buf.position(end + 4);
                header = true;
            }
            while (codec.completeSampleSize(buf) > 0) {
                if (patterns < 2) {
                    codec.checkTestPattern(buf, SampleCodec.TEST_PATTERN_OFFSETS[patterns++]);
                    continue;
                }
                assertEquals(SampleCodec.TAG_TRANSMITTED_TIMESTAMP, buf.get(buf.position()));
                double ts = codec.decode(buf, row, 0, previous);
                assertTrue(ts > previous, "timestamps go back: " + ts + " after " + previous);
                for (float v : row) {
                    assertEquals(Math.floor(ts - 50), v, "sample at " + ts);
                }
                previous = ts;
                samples++;
                if (row[0] == last && Math.abs(ts - (50 + last + 0.999)) < 1e-9) {
                    return samples;
                }
            }
        }
    }

    @Test
    @Timeout(30)
    void timeDataProbesGetReceiveAndSendTimes() throws Exception {
        try (WireOutlet out = outlet(unique("clock"), "EEG", 1, 10, ChannelFormat.FLOAT32, "");
             java.net.DatagramSocket udp = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            udp.setSoTimeout(5000);
            double t0 = Lsl.localClock();
            byte[] q = ("LSL:timedata\r\n77 " + t0 + "\r\n").getBytes(StandardCharsets.US_ASCII);
            udp.send(new java.net.DatagramPacket(q, q.length, InetAddress.getLoopbackAddress(), out.servicePort()));
            java.net.DatagramPacket reply = new java.net.DatagramPacket(new byte[256], 256);
            udp.receive(reply);
            double t3 = Lsl.localClock();
            String[] f = new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII).split(" ");
            assertEquals("", f[0], "the reply starts with a space");
            assertEquals("77", f[1]);
            assertEquals(Double.toString(t0), f[2], "t0 is echoed as sent");
            double t1 = Double.parseDouble(f[3]);
            double t2 = Double.parseDouble(f[4]);
            assertTrue(t0 <= t1 && t1 <= t2 && t2 <= t3, t0 + " " + t1 + " " + t2 + " " + t3);
        }
    }
}
