package org.neuroloop.lsl4j.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.neuroloop.lsl4j.ChannelFormat;

/**
 * Byte-level checks against the float32 and string feeds captured from liblsl 1.10 and 1.17 (docs/lsl-protocol.md §4).
 */
class SampleCodecTest {
    /** Captured float32, 3 channels: pattern(4), pattern(2), ts=1000.0 sample, a chunk of three (tag 2, 1, 1). */
    private static final String CAPTURED_F32 = "02c976be9f0c24fe40000080400000a0c0 0000c040"
            + "02c976be9f0c24fe4000000040000040c000008040"
            + "020000000000408f400000c03f000010c0a69b443b"
            + "02a4703d0ad7438f40000020410000304100004041"
            + "010000a0410000a8410000b041"
            + "010000f0410000f84100000042";

    private static ByteBuffer bytes(String hex) {
        return ByteBuffer.wrap(HexFormat.of().parseHex(hex.replace(" ", ""))).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void encodesTheCapturedFloat32Feed() {
        SampleCodec codec = new SampleCodec(ChannelFormat.FLOAT32, 3, 100);
        ByteBuffer out = SampleCodec.buffer(256);
        codec.encodeTestPattern(out, 4);
        codec.encodeTestPattern(out, 2);
        codec.encode(out, new float[] {1.5f, -2.25f, 0.003f}, 0, 1000.0, true);
        float[] chunk = {10, 11, 12, 20, 21, 22, 30, 31, 32};
        codec.encode(out, chunk, 0, 1000.48, true);
        codec.encode(out, chunk, 3, 0, false);
        codec.encode(out, chunk, 6, 0, false);
        out.flip();
        assertEquals(bytes(CAPTURED_F32), out);
    }

    @Test
    void decodesTheCapturedFloat32FeedWithDeducedTimestamps() {
        SampleCodec codec = new SampleCodec(ChannelFormat.FLOAT32, 3, 100);
        ByteBuffer in = bytes(CAPTURED_F32);
        codec.checkTestPattern(in, 4);
        codec.checkTestPattern(in, 2);
        float[] row = new float[3];
        assertEquals(21, codec.completeSampleSize(in));
        assertEquals(1000.0, codec.decode(in, row, 0, 0));
        assertArrayEquals(new float[] {1.5f, -2.25f, 0.003f}, row);
        double ts = codec.decode(in, row, 0, 1000.0);
        assertEquals(1000.48, ts);
        assertEquals(13, codec.completeSampleSize(in));
        ts = codec.decode(in, row, 0, ts);
        assertEquals(1000.49, ts, 1e-9);
        assertArrayEquals(new float[] {20, 21, 22}, row);
        ts = codec.decode(in, row, 0, ts);
        assertEquals(1000.50, ts, 1e-9);
        assertEquals(-1, codec.completeSampleSize(in));
    }

    @Test
    void stringSamplesRoundTripAndReportIncompleteBytes() {
        SampleCodec codec = new SampleCodec(ChannelFormat.STRING, 3, 0);
        ByteBuffer out = SampleCodec.buffer(1024);
        String[] row = {"a", "hello", "x".repeat(300)};
        codec.encode(out, row, 0, 5.0, true);
        assertEquals(codec.encodedSize(row, 0, true), out.position());
        out.flip();
        // the capture's layout: 01 <len:u8> bytes, and a 4-byte length past 255
        assertEquals(1, out.get(9));
        assertEquals(1, out.get(10));
        for (int cut = 0; cut < out.limit(); cut += 7) {
            ByteBuffer part = out.duplicate().order(ByteOrder.LITTLE_ENDIAN).limit(cut);
            assertEquals(-1, codec.completeSampleSize(part), "cut at " + cut);
        }
        assertEquals(out.limit(), codec.completeSampleSize(out));
        String[] got = new String[3];
        assertEquals(5.0, codec.decode(out, got, 0, 0));
        assertArrayEquals(row, got);
    }

    @Test
    void capturedStringTestPattern() {
        SampleCodec codec = new SampleCodec(ChannelFormat.STRING, 3, 0);
        ByteBuffer in = bytes("02c976be9f0c24fe40" + "0102" + "3130" + "0103" + "2d3131" + "0102" + "3132");
        codec.checkTestPattern(in, 4);
        assertEquals(0, in.remaining());
    }

    @Test
    void testPatternsOfEveryFormatMatchTheTable() {
        assertArrayEquals(
                new double[] {16777221, -16777222, 16777223},
                new SampleCodec(ChannelFormat.DOUBLE64, 3, 0).numericTestPattern(4));
        assertArrayEquals(
                new double[] {65539, -65540, 65541}, new SampleCodec(ChannelFormat.INT32, 3, 0).numericTestPattern(2));
        assertArrayEquals(
                new double[] {261, -262, 263}, new SampleCodec(ChannelFormat.INT16, 3, 0).numericTestPattern(4));
        assertArrayEquals(new double[] {3, -4, 5}, new SampleCodec(ChannelFormat.INT8, 3, 0).numericTestPattern(2));
        for (ChannelFormat f : ChannelFormat.values()) {
            SampleCodec codec = new SampleCodec(f, 5, 250);
            ByteBuffer b = SampleCodec.buffer(512);
            codec.encodeTestPattern(b, 4);
            codec.encodeTestPattern(b, 2);
            b.flip();
            codec.checkTestPattern(b, 4);
            codec.checkTestPattern(b, 2);
            assertEquals(0, b.remaining(), f.toString());
        }
    }

    @Test
    void wrongPatternOrTagIsAProtocolError() {
        SampleCodec codec = new SampleCodec(ChannelFormat.FLOAT32, 3, 100);
        ByteBuffer b = SampleCodec.buffer(64);
        codec.encodeTestPattern(b, 2);
        b.flip();
        assertThrows(LslProtocolException.class, () -> codec.checkTestPattern(b, 4));
        assertThrows(LslProtocolException.class, () -> codec.completeSampleSize(bytes("07")));
    }
}
