package org.neuroloop.lsl4j.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuroloop.lsl4j.wire.ScriptedOutlet.OK_HEADER;
import static org.neuroloop.lsl4j.wire.ScriptedOutlet.UID;
import static org.neuroloop.lsl4j.wire.ScriptedOutlet.inlet;
import static org.neuroloop.lsl4j.wire.ScriptedOutlet.patterns;
import static org.neuroloop.lsl4j.wire.ScriptedOutlet.samples;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.neuroloop.lsl4j.ChannelFormat;

/**
 * {@link WireInlet}'s feed request and receive buffer against a {@link ScriptedOutlet}: decoding of transmitted and
 * deduced timestamps, samples split across writes or beyond a pull's capacity, strings larger than the buffer, and
 * allocation-free numeric pulls, all without liblsl.
 */
class WireInletProtocolTest {
    @Test
    @Timeout(20)
    void sendsTheFeedRequestOfProtocol110AndDecodesTransmittedAndDeducedTimestamps() throws Exception {
        SampleCodec codec = new SampleCodec(ChannelFormat.FLOAT32, 3, 100.0);
        float[][] rows = {{1.5f, -2.25f, 0.003f}, {10, 11, 12}, {20, 21, 22}, {30, 31, 32}, {40, 41, 42}};
        byte[] data = samples(
                codec, rows, new double[] {1000.0, 1000.48, 0, 0, 0}, new boolean[] {true, true, false, false, false});
        try (ScriptedOutlet outlet = ScriptedOutlet.feeding(codec, data);
                WireInlet in = inlet(ChannelFormat.FLOAT32, 3, 100.0, outlet.port())) {
            in.open(5.0);
            String req = outlet.request.get(5, TimeUnit.SECONDS);
            assertEquals(
                    "LSL:streamfeed/110 " + UID + "\r\n"
                            + "Native-Byte-Order: 1234\r\nEndian-Performance: 0\r\nHas-IEEE754-Floats: 1\r\n"
                            + "Supports-Subnormals: 1\r\nValue-Size: 4\r\nData-Protocol-Version: 110\r\n"
                            + "Max-Buffer-Length: 36000\r\nMax-Chunk-Length: 0\r\n"
                            + "Hostname: vm\r\nSource-Id: src-fake\r\nSession-Id: default\r\n\r\n",
                    req);
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
            double step = 0.01;
            assertArrayEquals(
                    new double[] {1000.0, 1000.48, 1000.48 + step, 1000.48 + step + step, 1000.48 + step + step + step},
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

    /** Pulls {@code ts.length} string samples, however many reads they arrive in. */
    private static String[] pullStrings(WireInlet in, int channels, double[] ts) {
        String[] out = new String[channels * ts.length];
        int n = 0;
        while (n < ts.length) {
            String[] o = new String[channels * (ts.length - n)];
            double[] t = new double[ts.length - n];
            int got = in.pullStrings(o, t, 5.0);
            System.arraycopy(o, 0, out, channels * n, channels * got);
            System.arraycopy(t, 0, ts, n, got);
            n += got;
        }
        return out;
    }

    @Test
    @Timeout(20)
    void theFirstDeducedTimestampCountsFromZeroAndIrregularStreamsRepeatThePrevious() throws Exception {
        SampleCodec regular = new SampleCodec(ChannelFormat.FLOAT32, 1, 4.0);
        byte[] data = samples(regular, new float[][] {{1}, {2}}, new double[] {0, 0}, new boolean[] {false, false});
        try (ScriptedOutlet outlet = ScriptedOutlet.feeding(regular, data);
                WireInlet in = inlet(ChannelFormat.FLOAT32, 1, 4.0, outlet.port())) {
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
        try (ScriptedOutlet outlet = ScriptedOutlet.feeding(irregular, markers);
                WireInlet in = inlet(ChannelFormat.STRING, 1, 0.0, outlet.port())) {
            double[] ts = new double[2];
            String[] out = pullStrings(in, 1, ts);
            assertTrue(
                    outlet.request.get(5, TimeUnit.SECONDS).contains("\r\nValue-Size: 8\r\n"),
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
                });
                WireInlet in = inlet(ChannelFormat.DOUBLE64, 4, 250.0, outlet.port())) {
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
        try (ScriptedOutlet outlet = ScriptedOutlet.feeding(codec, data);
                WireInlet in = inlet(ChannelFormat.INT16, 2, 100.0, outlet.port())) {
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
        try (ScriptedOutlet outlet = ScriptedOutlet.feeding(codec, Arrays.copyOf(all.array(), all.position()));
                WireInlet in = inlet(ChannelFormat.FLOAT32, ch, 500.0, outlet.port())) {
            ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
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
            assertTrue(
                    allocated < 2048,
                    allocated + " bytes allocated over " + pulls + " pulls of " + (total - 200) + " samples");
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
        try (ScriptedOutlet outlet = ScriptedOutlet.feeding(codec, data);
                WireInlet in = inlet(ChannelFormat.STRING, 2, 0.0, outlet.port())) {
            double[] ts = new double[2];
            String[] out = pullStrings(in, 2, ts);
            assertArrayEquals(new String[] {big, "small", "", "after"}, out);
            assertArrayEquals(new double[] {9.5, 9.5}, ts);
        }
    }
}
