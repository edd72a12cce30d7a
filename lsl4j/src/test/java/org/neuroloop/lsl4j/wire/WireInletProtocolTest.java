package org.neuroloop.lsl4j.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.LslException;
import org.neuroloop.lsl4j.LslLostException;
import org.neuroloop.lsl4j.LslTimeoutException;

/**
 * {@link WireInlet} against scripted outlets: a {@link ServerSocket} on 127.0.0.1 that reads the feed request and
 * answers byte for byte what a test wants (a correct feed, a wrong test pattern, a bad header, samples split across
 * writes, a closed connection), so the inlet's handshake checks and receive buffer are tested without liblsl.
 */
class WireInletProtocolTest {
    private static final String UID = "0d6f3bd2-5a1e-4b7e-9a43-2f0c7d1b7e11";
    private static final String OK_HEADER = "LSL/110 200 OK\r\nUID: " + UID
            + "\r\nByte-Order: 1234\r\nSuppress-Subnormals: 0\r\nData-Protocol-Version: 110\r\n\r\n";

    /** The info XML a resolver would return for a stream served at 127.0.0.1:port. */
    static String infoXml(String name, ChannelFormat format, int channels, double rate, String address, int port) {
        return "<?xml version=\"1.0\"?>\n<info>\n\t<name>" + name + "</name>\n\t<type>EEG</type>\n\t<channel_count>"
                + channels + "</channel_count>\n\t<nominal_srate>" + rate + "</nominal_srate>\n\t<channel_format>"
                + format.xmlName() + "</channel_format>\n\t<source_id>src-" + name + "</source_id>\n\t<version>1.1000000000000001</version>\n"
                + "\t<created_at>12.5</created_at>\n\t<uid>" + UID + "</uid>\n\t<session_id>default</session_id>\n"
                + "\t<hostname>vm</hostname>\n\t<v4address>" + address + "</v4address>\n\t<v4data_port>" + port
                + "</v4data_port>\n\t<v4service_port>" + port + "</v4service_port>\n\t<v6address></v6address>\n"
                + "\t<v6data_port>0</v6data_port>\n\t<v6service_port>0</v6service_port>\n\t<desc />\n</info>\n";
    }

    /** What a scripted outlet does once it has read the request. */
    interface Script {
        void run(String request, OutputStream out) throws Exception;
    }

    /** A one-connection outlet on 127.0.0.1 running {@code script}; close() stops it. */
    static final class ScriptedOutlet implements AutoCloseable {
        final ServerSocket server;
        final CompletableFuture<String> request = new CompletableFuture<>();
        private final Thread thread;
        private volatile Socket socket;

        ScriptedOutlet(Script script) throws IOException {
            server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> {
                try (Socket s = server.accept()) {
                    socket = s;
                    String req = readRequest(s.getInputStream());
                    request.complete(req);
                    script.run(req, s.getOutputStream());
                } catch (Exception e) {
                    request.completeExceptionally(e);
                }
            }, "scripted-outlet");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private static String readRequest(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            while (!b.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    break;
                }
                b.write(c);
            }
            return b.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws Exception {
            server.close();
            Socket s = socket;
            if (s != null) {
                s.close();
            }
            thread.interrupt();
            thread.join(5000);
        }
    }

    private static WireInlet inlet(ChannelFormat format, int channels, double rate, int port) {
        return new WireInlet(StreamEndpoint.fromXml(infoXml("fake", format, channels, rate, "", port)), 360);
    }

    private static byte[] patterns(SampleCodec codec) {
        ByteBuffer b = SampleCodec.buffer(4096);
        codec.encodeTestPattern(b, 4);
        codec.encodeTestPattern(b, 2);
        return Arrays.copyOf(b.array(), b.position());
    }

    private static byte[] samples(SampleCodec codec, float[][] rows, double[] ts, boolean[] transmit) {
        ByteBuffer b = SampleCodec.buffer(1 << 16);
        for (int i = 0; i < rows.length; i++) {
            codec.encode(b, rows[i], 0, ts[i], transmit[i]);
        }
        return Arrays.copyOf(b.array(), b.position());
    }

    @Test
    @Timeout(20)
    void sendsTheFeedRequestOfProtocol110AndDecodesTransmittedAndDeducedTimestamps() throws Exception {
        SampleCodec codec = new SampleCodec(ChannelFormat.FLOAT32, 3, 100.0);
        float[][] rows = {{1.5f, -2.25f, 0.003f}, {10, 11, 12}, {20, 21, 22}, {30, 31, 32}, {40, 41, 42}};
        byte[] data = samples(codec, rows, new double[] {1000.0, 1000.48, 0, 0, 0}, new boolean[] {true, true, false, false, false});
        try (ScriptedOutlet outlet = new ScriptedOutlet((req, out) -> {
            out.write(OK_HEADER.getBytes(StandardCharsets.US_ASCII));
            out.write(patterns(codec));
            out.write(data);
            out.flush();
            Thread.sleep(30_000);
        }); WireInlet in = inlet(ChannelFormat.FLOAT32, 3, 100.0, outlet.port())) {
            in.open(5.0);
            String req = outlet.request.get(5, TimeUnit.SECONDS);
            assertEquals("LSL:streamfeed/110 " + UID + "\r\n"
                    + "Native-Byte-Order: 1234\r\nEndian-Performance: 0\r\nHas-IEEE754-Floats: 1\r\nSupports-Subnormals: 1\r\n"
                    + "Value-Size: 4\r\nData-Protocol-Version: 110\r\nMax-Buffer-Length: 36000\r\nMax-Chunk-Length: 0\r\n"
                    + "Hostname: vm\r\nSource-Id: src-fake\r\nSession-Id: default\r\n\r\n", req);
            float[] out = new float[3 * 8];
            double[] ts = new double[8];
            int n = 0;
            while (n < 5) {
                n += pullInto(in, out, ts, n);
            }
            assertEquals(5, n);
            for (int i = 0; i < 5; i++) {
                assertArrayEquals(rows[i], Arrays.copyOfRange(out, 3 * i, 3 * i + 3), "sample " + i);
            }
            // deduced: previous + 1/srate, by repeated addition as liblsl does
            assertArrayEquals(new double[] {1000.0, 1000.48, 1000.48 + 0.01, 1000.48 + 0.01 + 0.01, 1000.48 + 0.01 + 0.01 + 0.01},
                    Arrays.copyOf(ts, 5));
            assertEquals(0, in.pullChunk(out, ts, 0.0), "nothing more was sent");
        }
    }

    /** Pulls into slot {@code n..} of the arrays (waiting up to 5 s). */
    private static int pullInto(WireInlet in, float[] out, double[] ts, int n) {
        float[] o = new float[out.length - 3 * n];
        double[] t = new double[ts.length - n];
        int got = in.pullChunk(o, t, 5.0);
        System.arraycopy(o, 0, out, 3 * n, 3 * got);
        System.arraycopy(t, 0, ts, n, got);
        return got;
    }

    @Test
    @Timeout(20)
    void theFirstDeducedTimestampCountsFromZeroAndIrregularStreamsRepeatThePrevious() throws Exception {
        SampleCodec regular = new SampleCodec(ChannelFormat.FLOAT32, 1, 4.0);
        byte[] data = samples(regular, new float[][] {{1}, {2}}, new double[] {0, 0}, new boolean[] {false, false});
        try (ScriptedOutlet outlet = new ScriptedOutlet((req, out) -> {
            out.write(OK_HEADER.getBytes(StandardCharsets.US_ASCII));
            out.write(patterns(regular));
            out.write(data);
            out.flush();
            Thread.sleep(30_000);
        }); WireInlet in = inlet(ChannelFormat.FLOAT32, 1, 4.0, outlet.port())) {
            double[] ts = new double[2];
            int n = 0;
            while (n < 2) {
                double[] t = new double[2 - n];
                int got = in.pullChunk(new double[2 - n], t, 5.0);
                System.arraycopy(t, 0, ts, n, got);
                n += got;
            }
            assertArrayEquals(new double[] {0.25, 0.5}, ts);
        }
        SampleCodec irregular = new SampleCodec(ChannelFormat.STRING, 1, 0.0);
        ByteBuffer b = SampleCodec.buffer(256);
        irregular.encode(b, new String[] {"a"}, 0, 77.0, true);
        irregular.encode(b, new String[] {"b"}, 0, 0, false);
        byte[] markers = Arrays.copyOf(b.array(), b.position());
        try (ScriptedOutlet outlet = new ScriptedOutlet((req, out) -> {
            out.write(OK_HEADER.getBytes(StandardCharsets.US_ASCII));
            out.write(patterns(irregular));
            out.write(markers);
            out.flush();
            Thread.sleep(30_000);
        }); WireInlet in = inlet(ChannelFormat.STRING, 1, 0.0, outlet.port())) {
            String[] out = new String[2];
            double[] ts = new double[2];
            int n = 0;
            while (n < 2) {
                String[] o = new String[2 - n];
                double[] t = new double[2 - n];
                int got = in.pullStrings(o, t, 5.0);
                System.arraycopy(o, 0, out, n, got);
                System.arraycopy(t, 0, ts, n, got);
                n += got;
            }
            assertTrue(outlet.request.get(5, TimeUnit.SECONDS).contains("\r\nValue-Size: 8\r\n"),
                    "string streams ask with liblsl 1.10's sizeof(std::string)");
            assertArrayEquals(new String[] {"a", "b"}, out);
            assertArrayEquals(new double[] {77.0, 77.0}, ts);
            assertTrue(in.endpoint().nominalRate() == 0.0);
        }
    }

    @Test
    @Timeout(20)
    void aSampleSplitAcrossWritesWaitsInTheBufferUntilItIsComplete() throws Exception {
        SampleCodec codec = new SampleCodec(ChannelFormat.DOUBLE64, 4, 250.0);
        ByteBuffer b = SampleCodec.buffer(256);
        codec.encode(b, new double[] {1, 2, 3, 4}, 0, 50.0, true);
        codec.encode(b, new double[] {5, 6, 7, 8}, 0, 0, false);
        byte[] two = Arrays.copyOf(b.array(), b.position());
        CountDownLatch firstPulled = new CountDownLatch(1);
        CountDownLatch emptyPulled = new CountDownLatch(1);
        try (ScriptedOutlet outlet = new ScriptedOutlet((req, out) -> {
            out.write(OK_HEADER.getBytes(StandardCharsets.US_ASCII));
            out.write(patterns(codec));
            out.write(two, 0, 9 + 32 + 5);
            out.flush();
            firstPulled.await();
            out.write(two, 9 + 32 + 5, 3);
            out.flush();
            emptyPulled.await();
            out.write(two, 9 + 32 + 8, two.length - (9 + 32 + 8));
            out.flush();
            Thread.sleep(30_000);
        }); WireInlet in = inlet(ChannelFormat.DOUBLE64, 4, 250.0, outlet.port())) {
            double[] out = new double[8];
            double[] ts = new double[2];
            assertEquals(1, in.pullChunk(out, ts, 5.0));
            assertArrayEquals(new double[] {1, 2, 3, 4}, Arrays.copyOf(out, 4));
            assertEquals(50.0, ts[0]);
            firstPulled.countDown();
            // the 3 more bytes may or may not have arrived: still no complete sample either way
            assertEquals(0, in.pullChunk(out, ts, 0.0));
            emptyPulled.countDown();
            assertEquals(1, in.pullChunk(out, ts, 5.0));
            assertArrayEquals(new double[] {5, 6, 7, 8}, Arrays.copyOf(out, 4));
            assertEquals(50.0 + 1.0 / 250.0, ts[0]);
        }
    }

    @Test
    @Timeout(20)
    void samplesBeyondTheCapacityStayForTheNextPull() throws Exception {
        SampleCodec codec = new SampleCodec(ChannelFormat.INT16, 2, 100.0);
        ByteBuffer b = SampleCodec.buffer(1024);
        for (int i = 0; i < 10; i++) {
            codec.encode(b, new double[] {i, -i}, 0, 10.0 + i, true);
        }
        byte[] data = Arrays.copyOf(b.array(), b.position());
        try (ScriptedOutlet outlet = new ScriptedOutlet((req, out) -> {
            out.write(OK_HEADER.getBytes(StandardCharsets.US_ASCII));
            out.write(patterns(codec));
            out.write(data);
            out.flush();
            Thread.sleep(30_000);
        }); WireInlet in = inlet(ChannelFormat.INT16, 2, 100.0, outlet.port())) {
            float[] out = new float[2 * 3];
            double[] ts = new double[5]; // capacity = min(6 / 2, 5) = 3
            int total = 0;
            while (total < 10) {
                int n = in.pullChunk(out, ts, 5.0);
                assertTrue(n >= 1 && n <= 3, "pulled " + n);
                for (int k = 0; k < n; k++) {
                    int i = total + k;
                    assertEquals(i, out[2 * k]);
                    assertEquals(-i, out[2 * k + 1]);
                    assertEquals(10.0 + i, ts[k]);
                }
                total += n;
            }
            assertEquals(10, total);
            assertEquals(0, in.pullChunk(new double[2], new double[0], 5.0), "zero capacity returns at once");
        }
    }

    /**
     * Pulls from a burst of buffered samples allocate nothing. (Waiting pulls, which block in the selector, also
     * allocate nothing once the JIT has compiled that path, ~10^4 pulls, measured by hand: 0 bytes/pull; before that
     * the interpreted JDK selector code allocates ~16 bytes per wait, so a unit test cannot check it reliably.)
     */
    @Test
    @Timeout(30)
    void numericPullsAllocateNothingOnceTheBuffersHaveGrown() throws Exception {
        int ch = 8;
        int total = 3000;
        SampleCodec codec = new SampleCodec(ChannelFormat.FLOAT32, ch, 500.0);
        ByteBuffer all = SampleCodec.buffer(total * (9 + 4 * ch));
        float[] row = new float[ch];
        for (int i = 0; i < total; i++) {
            row[0] = i;
            codec.encode(all, row, 0, 100.0 + i, i % 10 == 0);
        }
        try (ScriptedOutlet outlet = new ScriptedOutlet((req, out) -> {
            out.write(OK_HEADER.getBytes(StandardCharsets.US_ASCII));
            out.write(patterns(codec));
            out.write(all.array(), 0, all.position());
            out.flush();
            Thread.sleep(30_000);
        }); WireInlet in = inlet(ChannelFormat.FLOAT32, ch, 500.0, outlet.port())) {
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            float[] f = new float[16 * ch];
            double[] d = new double[16 * ch];
            double[] ts = new double[16];
            int n = 0;
            while (n < 200) {
                n += in.pullChunk(f, ts, 5.0);
                n += in.pullChunk(d, ts, 5.0);
            }
            int pulls = 0;
            long before = mx.getCurrentThreadAllocatedBytes();
            while (n < total) {
                n += (pulls++ % 2 == 0) ? in.pullChunk(f, ts, 5.0) : in.pullChunk(d, ts, 5.0);
            }
            long allocated = mx.getCurrentThreadAllocatedBytes() - before;
            assertEquals(total, n);
            assertTrue(allocated < 2048, allocated + " bytes allocated over " + pulls + " pulls of " + (total - 200) + " samples");
        }
    }

    @Test
    @Timeout(20)
    void aStringLargerThanTheReceiveBufferGrowsIt() throws Exception {
        SampleCodec codec = new SampleCodec(ChannelFormat.STRING, 2, 0.0);
        String big = "€".repeat(100_000); // 300 kB of UTF-8, more than the 64 kB the buffer starts with
        ByteBuffer b = SampleCodec.buffer(400_000);
        codec.encode(b, new String[] {big, "small"}, 0, 9.5, true);
        codec.encode(b, new String[] {"", "after"}, 0, 0, false);
        byte[] data = Arrays.copyOf(b.array(), b.position());
        try (ScriptedOutlet outlet = new ScriptedOutlet((req, out) -> {
            out.write(OK_HEADER.getBytes(StandardCharsets.US_ASCII));
            out.write(patterns(codec));
            out.write(data);
            out.flush();
            Thread.sleep(30_000);
        }); WireInlet in = inlet(ChannelFormat.STRING, 2, 0.0, outlet.port())) {
            String[] out = new String[4];
            double[] ts = new double[2];
            int n = 0;
            while (n < 2) {
                String[] o = new String[2 * (2 - n)];
                double[] t = new double[2 - n];
                int got = in.pullStrings(o, t, 5.0);
                System.arraycopy(o, 0, out, 2 * n, 2 * got);
                System.arraycopy(t, 0, ts, n, got);
                n += got;
            }
            assertArrayEquals(new String[] {big, "small", "", "after"}, out);
            assertArrayEquals(new double[] {9.5, 9.5}, ts);
        }
    }

    @Test
    @Timeout(20)
    void aWrongTestPatternIsAProtocolError() throws Exception {
        SampleCodec codec = new SampleCodec(ChannelFormat.FLOAT32, 3, 100.0);
        SampleCodec otherFormat = new SampleCodec(ChannelFormat.INT32, 3, 100.0); // same size, other values
        try (ScriptedOutlet outlet = new ScriptedOutlet((req, out) -> {
            out.write(OK_HEADER.getBytes(StandardCharsets.US_ASCII));
            out.write(patterns(otherFormat));
            out.flush();
            Thread.sleep(30_000);
        }); WireInlet in = inlet(ChannelFormat.FLOAT32, 3, 100.0, outlet.port())) {
            LslProtocolException e = assertThrows(LslProtocolException.class, () -> in.open(5.0));
            assertTrue(e.getMessage().contains("test pattern 4"), e.getMessage());
            assertTrue(codec.channels() == 3);
        }
    }

    @Test
    @Timeout(20)
    void aBigEndianOrOldProtocolResponseIsRefusedQuotingTheHeader() throws Exception {
        for (String header : new String[] {OK_HEADER.replace("Byte-Order: 1234", "Byte-Order: 4321"),
                OK_HEADER.replace("Data-Protocol-Version: 110", "Data-Protocol-Version: 100"),
                "LSL/110 505 Version not supported\r\n\r\n"}) {
            try (ScriptedOutlet outlet = new ScriptedOutlet((req, out) -> {
                out.write(header.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(30_000);
            }); WireInlet in = inlet(ChannelFormat.FLOAT32, 3, 100.0, outlet.port())) {
                LslProtocolException e = assertThrows(LslProtocolException.class, () -> in.open(5.0));
                String firstLine = header.substring(0, header.indexOf('\r'));
                assertTrue(e.getMessage().contains(header.contains("505") ? firstLine : "Byte-Order"), e.getMessage());
            }
        }
    }

    @Test
    @Timeout(20)
    void notFoundMeansTheOutletWasReplaced() throws Exception {
        // liblsl 1.10 sends the 404 line without a line end and closes the connection (measured)
        for (String answer : new String[] {"LSL/110 404 Not found", "LSL/110 404 Not found\r\n\r\n"}) {
            try (ScriptedOutlet outlet = new ScriptedOutlet((req, out) -> {
                out.write(answer.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                out.close();
            }); WireInlet in = inlet(ChannelFormat.FLOAT32, 3, 100.0, outlet.port())) {
                LslLostException e = assertThrows(LslLostException.class, () -> in.open(5.0));
                assertTrue(e.getMessage().contains("404"), e.getMessage());
                assertThrows(LslLostException.class, () -> in.pullChunk(new float[3], new double[1], 0.0), "stays lost");
            }
        }
        try (ScriptedOutlet outlet = new ScriptedOutlet((req, out) -> out.close());
             WireInlet in = inlet(ChannelFormat.FLOAT32, 3, 100.0, outlet.port())) {
            assertThrows(LslLostException.class, () -> in.open(5.0), "closed without an answer");
        }
    }

    @Test
    @Timeout(20)
    void samplesReceivedBeforeTheOutletClosedAreStillPulledThenTheStreamIsLost() throws Exception {
        SampleCodec codec = new SampleCodec(ChannelFormat.FLOAT32, 2, 10.0);
        byte[] data = samples(codec, new float[][] {{1, 2}, {3, 4}, {5, 6}}, new double[] {7, 0, 0}, new boolean[] {true, false, false});
        try (ScriptedOutlet outlet = new ScriptedOutlet((req, out) -> {
            out.write(OK_HEADER.getBytes(StandardCharsets.US_ASCII));
            out.write(patterns(codec));
            out.write(data);
            out.flush();
            out.close();
        }); WireInlet in = inlet(ChannelFormat.FLOAT32, 2, 10.0, outlet.port())) {
            in.open(5.0);
            float[] out = new float[2];
            double[] ts = new double[1];
            int n = 0;
            LslLostException lost = null;
            for (int k = 0; k < 20 && lost == null; k++) {
                try {
                    n += in.pullChunk(out, ts, 1.0);
                } catch (LslLostException e) {
                    lost = e;
                }
            }
            assertEquals(3, n, "every sample sent before the close is delivered");
            assertTrue(lost != null, "then the stream is lost");
            assertThrows(LslLostException.class, () -> in.pullChunk(out, ts, 0.0), "and stays lost");
        }
    }

    @Test
    @Timeout(20)
    void nonWaitingPullsAlsoNoticeAClosedConnection() throws Exception {
        SampleCodec codec = new SampleCodec(ChannelFormat.FLOAT32, 1, 10.0);
        try (ScriptedOutlet outlet = new ScriptedOutlet((req, out) -> {
            out.write(OK_HEADER.getBytes(StandardCharsets.US_ASCII));
            out.write(patterns(codec));
            out.flush();
            out.close();
        }); WireInlet in = inlet(ChannelFormat.FLOAT32, 1, 10.0, outlet.port())) {
            in.open(5.0);
            LslLostException lost = null;
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (lost == null && System.nanoTime() < deadline) {
                try {
                    assertEquals(0, in.pullChunk(new float[1], new double[1], 0.0));
                    Thread.sleep(10);
                } catch (LslLostException e) {
                    lost = e;
                }
            }
            assertTrue(lost != null, "a timeout-0 pull reads the end of the connection too");
        }
    }

    @Test
    @Timeout(20)
    void aSilentOutletTimesTheHandshakeOut() throws Exception {
        try (ScriptedOutlet outlet = new ScriptedOutlet((req, out) -> Thread.sleep(30_000));
             WireInlet in = inlet(ChannelFormat.FLOAT32, 3, 100.0, outlet.port())) {
            assertThrows(LslTimeoutException.class, () -> in.open(0.3));
        }
    }

    @Test
    @Timeout(20)
    void closeFromAnotherThreadEndsABlockedPull() throws Exception {
        SampleCodec codec = new SampleCodec(ChannelFormat.FLOAT32, 1, 10.0);
        try (ScriptedOutlet outlet = new ScriptedOutlet((req, out) -> {
            out.write(OK_HEADER.getBytes(StandardCharsets.US_ASCII));
            out.write(patterns(codec));
            out.flush();
            Thread.sleep(30_000);
        }); WireInlet in = inlet(ChannelFormat.FLOAT32, 1, 10.0, outlet.port())) {
            in.open(5.0);
            CompletableFuture<Object> pull = CompletableFuture.supplyAsync(() -> {
                try {
                    return in.pullChunk(new float[1], new double[1], 30.0);
                } catch (RuntimeException e) {
                    return e;
                }
            });
            Thread.sleep(200); // let the pull block (if it has not yet, it finds the inlet closed: same outcome)
            in.close();
            Object result = pull.get(10, TimeUnit.SECONDS);
            assertTrue(result instanceof LslLostException || Integer.valueOf(0).equals(result), "got " + result);
            in.close(); // idempotent
        }
    }

    /**
     * A fake time service on 127.0.0.1 whose clock runs {@code offset} seconds ahead of ours (t1 = t2 = our clock +
     * offset, no processing time) and that answers only the first {@code answered} probes of each wave.
     */
    static final class FakeTimeService implements AutoCloseable {
        final java.net.DatagramSocket socket;
        final java.util.concurrent.atomic.AtomicReference<Double> offset;
        private final Thread thread;

        FakeTimeService(double initialOffset, int answered) throws IOException {
            socket = new java.net.DatagramSocket(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            offset = new java.util.concurrent.atomic.AtomicReference<>(initialOffset);
            thread = new Thread(() -> {
                byte[] buf = new byte[512];
                java.util.Map<String, Integer> perWave = new java.util.HashMap<>();
                try {
                    while (true) {
                        java.net.DatagramPacket p = new java.net.DatagramPacket(buf, buf.length);
                        socket.receive(p);
                        String[] lines = new String(buf, 0, p.getLength(), StandardCharsets.US_ASCII).split("\r\n");
                        if (!lines[0].equals("LSL:timedata")) {
                            continue;
                        }
                        String[] f = lines[1].trim().split(" ");
                        if (perWave.merge(f[0], 1, Integer::sum) > answered) {
                            continue;
                        }
                        double t = TimeCorrectionProbe.localClock() + offset.get();
                        byte[] reply = (" " + f[0] + " " + f[1] + " " + t + " " + t).getBytes(StandardCharsets.US_ASCII);
                        socket.send(new java.net.DatagramPacket(reply, reply.length, p.getSocketAddress()));
                    }
                } catch (IOException e) {
                    // closed
                }
            }, "fake-timedata");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws InterruptedException {
            socket.close();
            thread.join(5000);
        }
    }

    @Test
    @Timeout(20)
    void timeCorrectionIsMinusTheClockOffsetAndIsRefreshedInTheBackground() throws Exception {
        try (FakeTimeService service = new FakeTimeService(12.345, 8);
             WireInlet in = new WireInlet(StreamEndpoint.fromXml(infoXml("clock", ChannelFormat.FLOAT32, 1, 10.0, "", 16572)
                     .replace("<v4service_port>16572<", "<v4service_port>" + service.port() + "<")), 10)) {
            double tc = in.timeCorrection(5.0);
            assertEquals(-12.345, tc, 0.005, "the value to add to the outlet's timestamps");
            service.offset.set(-3.0);
            assertEquals(tc, in.timeCorrection(0.0), "younger than 2 s: the cached value");
            Thread.sleep(2100);
            assertEquals(tc, in.timeCorrection(0.0), "older: still returned at once while a new wave runs");
            double refreshed = tc;
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (Math.abs(refreshed - 3.0) > 0.005 && System.nanoTime() < deadline) {
                Thread.sleep(20);
                refreshed = in.timeCorrection(0.0);
            }
            assertEquals(3.0, refreshed, 0.005, "the background wave's result");
        }
    }

    @Test
    @Timeout(20)
    void aWaveWithFewerThanSixRepliesGivesNoTimeCorrection() throws Exception {
        try (FakeTimeService service = new FakeTimeService(0.0, 5);
             WireInlet in = new WireInlet(StreamEndpoint.fromXml(infoXml("clock5", ChannelFormat.FLOAT32, 1, 10.0, "", 16572)
                     .replace("<v4service_port>16572<", "<v4service_port>" + service.port() + "<")), 10)) {
            LslTimeoutException e = assertThrows(LslTimeoutException.class, () -> in.timeCorrection(2.0));
            assertTrue(e.getMessage().contains("fewer than 6 of 8"), e.getMessage());
        }
        try (FakeTimeService service = new FakeTimeService(0.0, 6);
             WireInlet in = new WireInlet(StreamEndpoint.fromXml(infoXml("clock6", ChannelFormat.FLOAT32, 1, 10.0, "", 16572)
                     .replace("<v4service_port>16572<", "<v4service_port>" + service.port() + "<")), 10)) {
            assertEquals(0.0, in.timeCorrection(2.0), 0.005, "six replies are enough");
        }
    }

    @Test
    void wrongPullsAndNonLoopbackAddressesAreRefused() {
        WireInlet strings = inlet(ChannelFormat.STRING, 1, 0.0, 16572);
        assertThrows(IllegalArgumentException.class, () -> strings.pullChunk(new float[1], new double[1], 0.0));
        assertThrows(IllegalArgumentException.class, () -> strings.pullChunk(new double[1], new double[1], 0.0));
        WireInlet numbers = inlet(ChannelFormat.FLOAT32, 1, 10.0, 16572);
        assertThrows(IllegalArgumentException.class, () -> numbers.pullStrings(new String[1], new double[1], 0.0));
        strings.close();
        numbers.close();

        LslException e = assertThrows(LslException.class,
                () -> StreamEndpoint.fromXml(infoXml("far", ChannelFormat.FLOAT32, 1, 10.0, "192.168.1.20", 16572)));
        assertTrue(e.getMessage().contains("192.168.1.20") && e.getMessage().contains("loopback"), e.getMessage());
        e = assertThrows(LslException.class,
                () -> StreamEndpoint.fromXml(infoXml("named", ChannelFormat.FLOAT32, 1, 10.0, "eeg-host", 16572)));
        assertTrue(e.getMessage().contains("eeg-host"), e.getMessage());
        assertEquals("127.0.0.2", StreamEndpoint.fromXml(infoXml("lo", ChannelFormat.FLOAT32, 1, 10.0, "127.0.0.2", 16572))
                .address().getHostAddress());
        e = assertThrows(LslException.class, () -> StreamEndpoint.fromXml(
                infoXml("bad", ChannelFormat.FLOAT32, 1, 10.0, "", 16572).replace("<channel_count>1<", "<channel_count>x<")));
        assertTrue(e.getMessage().contains("channel_count") && e.getMessage().contains("'x'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new WireInlet(
                StreamEndpoint.fromXml(infoXml("buf", ChannelFormat.FLOAT32, 1, 10.0, "", 16572)), 0));
        assertEquals(36000, FeedHandshake.maxBufferSamples(360, 0.0));
        assertEquals(92160, FeedHandshake.maxBufferSamples(360, 256.0));
    }
}
