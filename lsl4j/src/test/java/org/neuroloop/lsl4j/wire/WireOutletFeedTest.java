package org.neuroloop.lsl4j.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuroloop.lsl4j.wire.LiblslInlets.WAIT;
import static org.neuroloop.lsl4j.wire.LiblslInlets.inletFor;
import static org.neuroloop.lsl4j.wire.LiblslInlets.outlet;
import static org.neuroloop.lsl4j.wire.LiblslInlets.pullAll;
import static org.neuroloop.lsl4j.wire.LiblslInlets.unique;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.liblsl.Lsl;
import org.neuroloop.lsl4j.liblsl.StreamInlet;

/**
 * {@link WireOutlet} against raw sockets: the feed negotiation's answers (404, 505, test patterns), a consumer that
 * never reads, and the time-data probes.
 */
class WireOutletFeedTest {
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
            assertEquals(
                    "LSL/110 404 Not found\r\n\r\n",
                    request(out, "LSL:streamfeed/110 not-" + out.uid() + "\r\nMax-Buffer-Length: 10\r\n\r\n"));
            assertEquals(
                    "LSL/110 505 Version not supported\r\n\r\n",
                    request(out, "LSL:streamfeed/999 " + out.uid() + "\r\n\r\n"));
            assertEquals("", request(out, "LSL:streamfeed\r\n360 0\r\n"), "protocol 1.00 is refused");
            assertEquals("", request(out, "HELLO\r\n"));
            String full = request(out, "LSL:fullinfo\r\n");
            assertTrue(
                    full.startsWith("<?xml version=\"1.0\"?>\n<info>") && full.contains("<uid>" + out.uid() + "</uid>"),
                    full);
            assertTrue(request(out, "LSL:shortinfo\r\nname='" + out.name() + "'\r\n")
                    .contains("<desc/>"));
            assertEquals("", request(out, "LSL:shortinfo\r\nname='someone else'\r\n"));
            assertEquals("", request(out, "LSL:shortinfo\r\nname=='broken\r\n"), "an invalid query gets no answer");

            // Max-Buffer-Length 0: header and test patterns only, then the server closes
            String reply = request(
                    out,
                    "LSL:streamfeed/110 " + out.uid() + "\r\nnative-byte-order: 1234 ; a comment\r\n"
                            + "VALUE-SIZE: 4\r\nData-Protocol-Version: 110\r\nMax-Buffer-Length: 0\r\n\r\n");
            String header = "LSL/110 200 OK\r\nUID: " + out.uid() + "\r\nByte-Order: 1234\r\nSuppress-Subnormals: 0\r\n"
                    + "Data-Protocol-Version: 110\r\n\r\n";
            assertTrue(reply.startsWith(header), reply);
            ByteBuffer body = SampleCodec.buffer(64);
            body.put(reply.substring(header.length()).getBytes(StandardCharsets.ISO_8859_1))
                    .flip();
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
            stalled.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), out.dataPort()), 5000);
            OutputStream os = stalled.getOutputStream();
            os.write(("LSL:streamfeed/110 " + out.uid()
                            + "\r\nData-Protocol-Version: 110\r\nMax-Buffer-Length: 100\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
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
                    assertEquals(
                            chunk, pullAll(live, got, gotTs, chunk, channels), "the live consumer lags at chunk " + k);
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
                DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            udp.setSoTimeout(5000);
            double t0 = Lsl.localClock();
            byte[] q = ("LSL:timedata\r\n77 " + t0 + "\r\n").getBytes(StandardCharsets.US_ASCII);
            udp.send(new DatagramPacket(q, q.length, InetAddress.getLoopbackAddress(), out.servicePort()));
            DatagramPacket reply = new DatagramPacket(new byte[256], 256);
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
