package org.neuroloop.lsl4j.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.neuroloop.lsl4j.wire.LiblslFeeds.DEDUCED;
import static org.neuroloop.lsl4j.wire.LiblslFeeds.collectDoubles;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.liblsl.Lsl;
import org.neuroloop.lsl4j.liblsl.StreamInfo;
import org.neuroloop.lsl4j.liblsl.StreamInlet;
import org.neuroloop.lsl4j.liblsl.StreamOutlet;
import org.neuroloop.lsl4j.wire.LiblslFeeds.Received;

/**
 * {@link WireInlet} reading real liblsl 1.10 outlets of every channel format on loopback ({@link LiblslFeeds}),
 * checked against the pushed values and against liblsl's own {@link StreamInlet} reading the same outlet.
 */
class WireInletTest {
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
}
