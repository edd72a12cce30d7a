package org.neuroloop.lsl4j.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuroloop.lsl4j.wire.LiblslInlets.WAIT;
import static org.neuroloop.lsl4j.wire.LiblslInlets.inletFor;
import static org.neuroloop.lsl4j.wire.LiblslInlets.outlet;
import static org.neuroloop.lsl4j.wire.LiblslInlets.pullAll;
import static org.neuroloop.lsl4j.wire.LiblslInlets.unique;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.liblsl.Lsl;
import org.neuroloop.lsl4j.liblsl.StreamInfo;
import org.neuroloop.lsl4j.liblsl.StreamInlet;
import org.neuroloop.lsl4j.liblsl.StreamResolver;

/**
 * {@link WireOutlet} read by the real liblsl 1.10 (resolver, inlet, time correction) through our JNA binding, on
 * loopback with the repository's lsl_api.cfg, per channel format, plus the full info and the time correction.
 */
class WireOutletTest {
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
}
