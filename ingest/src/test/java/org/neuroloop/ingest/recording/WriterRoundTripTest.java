package org.neuroloop.ingest.recording;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files NeuroLoop writes read back identically (EDF+ within its 16-bit quantisation). */
class WriterRoundTripTest {
    @TempDir
    Path tmp;

    static void assertSameStream(RecordedStream a, RecordedStream b) {
        assertEquals(a.name(), b.name());
        assertEquals(a.type(), b.type());
        assertEquals(a.channelLabels(), b.channelLabels());
        assertEquals(a.units(), b.units());
        assertEquals(a.nominalRate(), b.nominalRate());
        assertArrayEquals(a.timestamps(), b.timestamps(), a.name());
        if (a.isString()) {
            assertArrayEquals(a.strings(), b.strings(), a.name());
        } else {
            assertArrayEquals(a.samples(), b.samples(), a.name());
        }
    }

    @Test
    void xdfExamplesRoundTrip() throws Exception {
        for (String f : List.of("minimal.xdf", "clock_resets.xdf", "empty_streams.xdf")) {
            Recording r = XdfReader.read(
                    Fixtures.DATA.resolve("formats/xdf/xdf-example-files").resolve(f));
            Path out = tmp.resolve(f);
            XdfWriter.write(out, r);
            Recording back = XdfReader.read(out);
            assertEquals(r.streams().size(), back.streams().size(), f);
            for (int i = 0; i < r.streams().size(); i++) {
                assertSameStream(r.streams().get(i), back.streams().get(i));
                assertEquals(r.streams().get(i).format(), back.streams().get(i).format(), "lossless format kept");
            }
        }
    }

    @Test
    void edfRecordingToXdfKeepsSamplesAndAnnotations() throws Exception {
        Recording r = EdfReader.read(Fixtures.DATA.resolve("mi/eegmmidb/S001R04.edf"));
        Path out = tmp.resolve("S001R04.xdf");
        XdfWriter.write(out, r);
        Recording back = Recordings.open(out);
        assertSameStream(r.streams().get(0), back.streams().get(0));
        assertEquals(ChannelFormat.INT16, back.streams().get(0).format(), "integral µV fit int16");
        assertEquals(r.annotations(), back.annotations());
        assertEquals(r.markers("s"), back.markers("s"));
    }

    @Test
    void edfPlusRoundTripWithinQuantisation() throws Exception {
        Recording r = EdfReader.read(Fixtures.DATA.resolve("formats/bdf/pyedflib_test_generator.bdf"));
        Path out = tmp.resolve("gen.edf");
        EdfWriter.write(out, r);
        Recording back = EdfReader.read(out);
        assertEquals("edf+c", back.format());
        assertEquals(r.streams().size(), back.streams().size());
        EdfReader.Contents c = EdfReader.readContents(out);
        for (int k = 0; k < r.streams().size(); k++) {
            RecordedStream a = r.streams().get(k);
            RecordedStream b = back.streams().get(k);
            assertEquals(a.channelLabels(), b.channelLabels());
            assertEquals(a.nominalRate(), b.nominalRate());
            assertArrayEquals(a.timestamps(), b.timestamps(), 1e-9);
            for (int ch = 0; ch < a.channelCount(); ch++) {
                String label = b.channelLabels().get(ch);
                EdfSignal sig = c.signals().stream()
                        .filter(s -> s.label().equals(label))
                        .findFirst()
                        .orElseThrow();
                double halfStep = Math.abs(sig.header().gain()) / 2 * 1.000001;
                for (int i = 0; i < a.sampleCount(); i++) {
                    assertEquals(a.sample(i, ch), b.sample(i, ch), halfStep, a.name() + " ch" + ch + " [" + i + "]");
                }
            }
        }
        assertEquals(r.annotations().size(), back.annotations().size());
        for (int i = 0; i < r.annotations().size(); i++) {
            assertEquals(
                    r.annotations().get(i).label(), back.annotations().get(i).label());
            assertEquals(
                    r.annotations().get(i).onset(), back.annotations().get(i).onset(), 1e-12);
            assertEquals(
                    r.annotations().get(i).duration(), back.annotations().get(i).duration(), 1e-12);
        }
    }

    @Test
    void gapsBecomeEdfPlusDAndComeBack() throws Exception {
        RecordedStream s = EdfReader.read(Fixtures.DATA.resolve("mi/eegmmidb/S001R04.edf"))
                .streams()
                .get(0);
        int n = 160 * 20;
        double[] ts = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = i / 160.0 + (i >= 1600 ? 5.5 : 0) + (i >= 2400 ? 0.25 : 0);
        }
        RecordedStream gapped = new RecordedStream(
                "eeg",
                "EEG",
                "",
                s.channelLabels(),
                s.units(),
                160,
                ChannelFormat.INT16,
                ts,
                Arrays.copyOf(s.samples(), n * 64),
                null,
                new int[] {1600, 2400},
                Map.of());
        Recording r = new Recording(
                null, "memory", List.of(gapped), List.of(new Annotation(12.0, 1.5, "in the second segment")), Map.of());
        Path out = tmp.resolve("gapped.edf");
        EdfWriter.write(out, r);
        Recording back = EdfReader.read(out);
        assertEquals("edf+d", back.format());
        RecordedStream b = back.streams().get(0);
        assertArrayEquals(new int[] {1600, 2400}, b.gapStarts());
        assertArrayEquals(ts, b.timestamps(), 1e-9);
        assertArrayEquals(
                gapped.samples(),
                b.samples(),
                0.5,
                "integral values in a range wider than 16 bits are within half a step");
        assertEquals(r.annotations(), back.annotations());
    }

    @Test
    void everyXdfNumericFormatRoundTrips() throws Exception {
        double[] ts = {1.5, 1.75, 2.0};
        List<RecordedStream> streams = new ArrayList<>();
        Map<ChannelFormat, double[]> values = Map.of(
                ChannelFormat.INT8, new double[] {-128, 0, 127, 5, -6, 7},
                ChannelFormat.INT16, new double[] {-32768, 0, 32767, 5, -6, 7},
                ChannelFormat.INT32, new double[] {Integer.MIN_VALUE, 0, Integer.MAX_VALUE, 5, -6, 7},
                ChannelFormat.INT64, new double[] {-(1L << 52), 0, 1L << 52, 5, -6, 7},
                ChannelFormat.FLOAT32, new double[] {1.5f, -0.1f, 3e30f, Float.MIN_VALUE, -6, 7},
                ChannelFormat.DOUBLE64, new double[] {Math.PI, -Math.E, 1e300, Double.MIN_VALUE, -6, 7});
        for (ChannelFormat f : List.of(
                ChannelFormat.INT8,
                ChannelFormat.INT16,
                ChannelFormat.INT32,
                ChannelFormat.INT64,
                ChannelFormat.FLOAT32,
                ChannelFormat.DOUBLE64)) {
            streams.add(new RecordedStream(
                    f.xdfName(),
                    "EEG",
                    "",
                    List.of("a", "b"),
                    List.of("", ""),
                    4,
                    f,
                    ts,
                    values.get(f),
                    null,
                    null,
                    Map.of()));
        }
        Path out = tmp.resolve("formats.xdf");
        XdfWriter.write(out, new Recording(null, "memory", streams, List.of(), Map.of()));
        Recording back = XdfReader.read(out);
        for (int i = 0; i < streams.size(); i++) {
            assertSameStream(streams.get(i), back.streams().get(i));
            assertEquals(streams.get(i).format(), back.streams().get(i).format());
        }
    }

    @Provide
    Arbitrary<double[]> values() {
        return Arbitraries.doubles()
                .between(-5000, 5000)
                .array(double[].class)
                .ofMinSize(1)
                .ofMaxSize(200);
    }

    @Property(tries = 30)
    void xdfStoresAnyNumbersAndStringsExactly(
            @ForAll("values") double[] v,
            @ForAll @IntRange(min = 1, max = 4) int channels,
            @ForAll("labels") List<String> markers)
            throws Exception {
        int n = v.length / channels;
        if (n == 0) {
            return;
        }
        double[] ts = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = 1000.123 + i * 0.004 + (i % 3) * 1e-7;
        }
        List<String> labels = new ArrayList<>();
        List<String> units = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            labels.add("ch" + c);
            units.add("uV");
        }
        RecordedStream eeg = new RecordedStream(
                "amp",
                "EEG",
                "src",
                labels,
                units,
                250,
                ChannelFormat.DOUBLE64,
                ts,
                Arrays.copyOf(v, n * channels),
                null,
                null,
                Map.of());
        double[] mts = new double[markers.size()];
        for (int i = 0; i < mts.length; i++) {
            mts[i] = 1000 + i * 0.5;
        }
        RecordedStream m = RecordedStream.markers("stim", "Markers", mts, markers.toArray(new String[0]));
        Path out = Files.createTempFile("neuroloop-prop", ".xdf"); // jqwik properties get no @TempDir
        try {
            XdfWriter.write(out, new Recording(null, "memory", List.of(eeg, m), List.of(), Map.of()));
            Recording back = XdfReader.read(out);
            assertSameStream(eeg, back.streams().get(0));
            assertSameStream(m, back.streams().get(1));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Provide
    Arbitrary<List<String>> labels() {
        return Arbitraries.strings().ofMinLength(0).ofMaxLength(30).list().ofMaxSize(10);
    }
}
