package org.neuroloop.ingest.recording;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.neuroloop.dsp.record.Marker;

/** XDF against the expected values in xdf-example-files/README.md and LabRecorder files. */
class XdfReaderTest {
    private static final Path XDF = Fixtures.DATA.resolve("formats/xdf/xdf-example-files");

    @Test
    void minimalMatchesItsReadme() throws Exception {
        Recording raw = XdfReader.read(XDF.resolve("minimal.xdf"), XdfReader.Options.RAW);
        assertEquals(2, raw.streams().size());
        RecordedStream data = raw.stream("SendDataC").orElseThrow();
        assertEquals("EEG", data.type());
        assertEquals(ChannelFormat.INT16, data.format());
        assertEquals(3, data.channelCount());
        assertEquals(10, data.nominalRate());
        assertEquals(9, data.sampleCount());
        double[][] expected = {
            {192, 255, 238},
            {12, 22, 32},
            {13, 23, 33},
            {14, 24, 34},
            {15, 25, 35},
            {12, 22, 32},
            {13, 23, 33},
            {14, 24, 34},
            {15, 25, 35}
        };
        for (int i = 0; i < 9; i++) {
            assertEquals(5.1 + 0.1 * i, data.timestamps()[i], 1e-9, "timestamp " + i);
            for (int c = 0; c < 3; c++) {
                assertEquals(expected[i][c], data.sample(i, c), "sample " + i + "," + c);
            }
        }
        RecordedStream strings = raw.stream("SendDataString").orElseThrow();
        assertEquals("46202862", strings.properties().get("streamId"));
        assertEquals(ChannelFormat.STRING, strings.format());
        assertEquals(
                List.of("Hello", "World", "from", "LSL", "Hello", "World", "from", "LSL"),
                List.of(strings.strings()).subList(1, 9));
        assertTrue(strings.strings()[0].startsWith("<?xml"), "first string sample is an XML footer text");
        assertEquals(5.1, strings.timestamps()[0], 1e-9);

        // Clock offsets -0.1 at 6.1 and 7.1: one segment, constant offset, applied to every sample.
        Recording synced = XdfReader.read(XDF.resolve("minimal.xdf"));
        RecordedStream d2 = synced.stream("SendDataC").orElseThrow();
        for (int i = 0; i < 9; i++) {
            assertEquals(5.0 + 0.1 * i, d2.timestamps()[i], 1e-6, "synchronised timestamp " + i);
        }
        assertArrayEquals(
                strings.timestamps(),
                synced.stream("SendDataString").orElseThrow().timestamps(),
                "no clock offsets for the string stream");
    }

    @Test
    void clockResetsSplitTheOffsetsIntoSegments() throws Exception {
        Recording raw = XdfReader.read(XDF.resolve("clock_resets.xdf"), XdfReader.Options.RAW);
        Recording r = XdfReader.read(XDF.resolve("clock_resets.xdf"));
        RecordedStream eegRaw = raw.stream("BioSemi").orElseThrow();
        RecordedStream eeg = r.stream("BioSemi").orElseThrow();
        assertEquals(27815, eeg.sampleCount());
        assertEquals(8, eeg.channelCount());
        assertEquals(0.142, eeg.sample(0, 0), 5e-4);
        assertEquals(0.892, eeg.sample(27814, 7), 5e-4);
        // raw first/last timestamps as in the stream footer (the README's table is pyxdf's dejittered output)
        assertEquals(653150.379117, eegRaw.timestamps()[0], 1e-6);
        assertEquals(261.9267033, eegRaw.timestamps()[27814], 1e-6);
        // First segment offset about -652340.284, second about +1121.166 (README tables).
        assertEquals(653150.379117 - 652340.284, eeg.timestamps()[0], 0.01);
        assertEquals(261.9267033 + 1121.166, eeg.timestamps()[27814], 0.01);
        assertEquals(1, eeg.gapStarts().length, "one clock reset");
        int g = eeg.gapStarts()[0];
        assertTrue(eegRaw.timestamps()[g] < eegRaw.timestamps()[g - 1], "the reset is where raw time jumps back");
        for (int i = 1; i < eeg.sampleCount(); i++) {
            assertTrue(eeg.timestamps()[i] > eeg.timestamps()[i - 1], "synchronised time increases at " + i);
        }
        RecordedStream markers = r.stream("MyMarkerStream").orElseThrow();
        assertEquals(175, markers.sampleCount());
        assertEquals("XXX", markers.strings()[0]);
        assertEquals("XXX", markers.strings()[174]);
        assertEquals(259.653828 + 1121.166, markers.timestamps()[174], 0.01);
        // markers stay inside the EEG's synchronised time span
        assertTrue(
                markers.timestamps()[0] >= eeg.timestamps()[0] && markers.timestamps()[174] <= eeg.timestamps()[27814]);
    }

    @Test
    void emptyStreamsAreKeptWithNoSamples() throws Exception {
        Recording r = XdfReader.read(XDF.resolve("empty_streams.xdf"));
        assertEquals(4, r.streams().size());
        RecordedStream ctrl = r.stream("ctrl").orElseThrow();
        assertEquals(1, ctrl.sampleCount());
        assertEquals("{\"state\": 2}", ctrl.strings()[0]);
        assertEquals(
                0,
                r.stream("Empty marker stream: test stream 0 counter")
                        .orElseThrow()
                        .sampleCount());
        RecordedStream emptyData =
                r.stream("Empty data stream: test stream 0 counter").orElseThrow();
        assertEquals(0, emptyData.sampleCount());
        assertEquals(List.of("ch:00"), emptyData.channelLabels());
        RecordedStream counter = r.stream("Data stream: test stream 0 counter").orElseThrow();
        assertEquals(ChannelFormat.INT32, counter.format());
        assertEquals(10, counter.sampleCount());
        for (int i = 0; i < 10; i++) {
            assertEquals(i, counter.samples()[i]);
            assertEquals(91725.213948 + i, counter.timestamps()[i], 1e-3);
        }
        List<Marker> markers = r.markers("s");
        assertEquals(1, markers.size());
        assertEquals(ctrl.timestamps()[0], markers.get(0).timestamp());
    }

    @Test
    void labRecorderMuseFilesHaveSeveralSynchronisedStreams() throws Exception {
        Path dir = Fixtures.DATA.resolve("formats/xdf/muselsl2");
        for (String f : List.of(
                "sub-P001_ses-S001_task-Default_run-001_eeg.xdf",
                "sub-P002_ses-S001_task-Default_run-001_eeg.xdf",
                "sub-P003_ses-S001_task-Default_run-001_eeg.xdf")) {
            Recording r = Recordings.open(dir.resolve(f));
            assertEquals("xdf", r.format());
            RecordedStream eeg = r.mainStream().orElseThrow();
            assertEquals(256, eeg.nominalRate(), f);
            assertEquals(List.of("TP9", "AF7", "AF8", "TP10", "AUX_RIGHT"), eeg.channelLabels(), f);
            assertTrue(eeg.sampleCount() > 256 * 5, f);
            assertTrue(Integer.parseInt(eeg.properties().get("clockOffsets")) > 0, f);
        }
    }

    /**
     * The README's clock_resets.xdf table is pyxdf's output (dejittered) shown before the clock offsets are added:
     * with pyxdf's options the sample spacing agrees to the README's microsecond rounding within each clock
     * segment, and the difference to the README is each segment's offset (-652340.284 s, then +1121.166 s).
     */
    @Test
    void pyxdfOptionsReproduceTheReadmeTimestamps() throws Exception {
        RecordedStream eeg = XdfReader.read(XDF.resolve("clock_resets.xdf"), XdfReader.Options.PYXDF).stream("BioSemi")
                .orElseThrow();
        double[] t = eeg.timestamps();
        int n = t.length;
        double[] head = {653150.314061, 653150.324786, 653150.335512, 653150.346237, 653150.356962};
        double[] tail = {261.975481, 261.986272, 261.997063, 262.007853, 262.018644};
        for (int k = 0; k < 5; k++) {
            assertEquals(head[k] - head[0], t[k] - t[0], 2e-6, "spacing at the start, sample " + k);
            assertEquals(tail[k] - tail[0], t[n - 5 + k] - t[n - 5], 2e-6, "spacing at the end, sample " + k);
        }
        assertEquals(-652340.284, t[0] - head[0], 1e-3);
        assertEquals(1121.166, t[n - 1] - tail[4], 1e-3);
        assertEquals(1, eeg.gapStarts().length);
    }

    @Test
    void dejitterFitsALinePerSegment() {
        double[] ts = new double[1000];
        Random rnd = new Random(1);
        for (int i = 0; i < ts.length; i++) {
            ts[i] = 10 + i / 250.0 + (i >= 600 ? 30 : 0) + (rnd.nextDouble() - 0.5) * 2e-3;
        }
        XdfClockSync.Result r = XdfDejitter.dejitter(ts, 250, new int[0]);
        assertArrayEquals(new int[] {600}, r.gapStarts(), "a 30 s step is a break");
        for (int i = 1; i < ts.length; i++) {
            if (i != 600) {
                assertEquals(1 / 250.0, r.timestamps()[i] - r.timestamps()[i - 1], 2e-6, "uniform spacing at " + i);
            }
            assertEquals(ts[i], r.timestamps()[i], 2e-3, "close to the raw stamp at " + i);
        }
    }
}
