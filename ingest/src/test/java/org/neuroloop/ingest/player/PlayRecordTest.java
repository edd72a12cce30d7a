package org.neuroloop.ingest.player;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroloop.ingest.recorder.LslRecorder;
import org.neuroloop.ingest.recording.Annotation;
import org.neuroloop.ingest.recording.ChannelFormat;
import org.neuroloop.ingest.recording.RecordedStream;
import org.neuroloop.ingest.recording.Recording;
import org.neuroloop.ingest.recording.XdfReader;
import org.neuroloop.ingest.replay.ReplaySpeed;

/** What the player publishes on real liblsl (loopback) the recorder writes to XDF, sample for sample. */
class PlayRecordTest {
    @TempDir
    Path tmp;

    @Test
    void recordWhatPlayPublishes() throws Exception {
        int n = 300;
        double rate = 200;
        double[] ts = new double[n];
        double[] v = new double[n * 3];
        for (int i = 0; i < n; i++) {
            ts[i] = 50 + i / rate;
            for (int c = 0; c < 3; c++) {
                v[i * 3 + c] = Math.sin(0.1 * i + c) * 37.123456789 + c; // not float-exact: played as double64
            }
        }
        RecordedStream eeg = new RecordedStream(
                "amp",
                "EEG",
                "",
                List.of("C3", "Cz", "C4"),
                List.of("uV", "uV", "uV"),
                rate,
                ChannelFormat.DOUBLE64,
                ts,
                v,
                null,
                null,
                Map.of());
        RecordedStream cues = RecordedStream.markers(
                "cues", "Markers", new double[] {50.2, 50.9}, new String[] {"left", "rechts \u00fc"});
        Recording rec =
                new Recording(null, "memory", List.of(eeg, cues), List.of(new Annotation(51.0, 0.5, "end")), Map.of());
        String name = "nl-test-" + UUID.randomUUID();
        Path out = tmp.resolve("rec.xdf");
        try (LslPlayer player = new LslPlayer(rec, new LslPlayer.Config(name, new ReplaySpeed(2), 0.05, false))) {
            assertEquals(List.of(name, name + "-cues", name + "-markers"), player.outletNames());
            LslRecorder recorder = new LslRecorder(
                    out,
                    List.of(
                            LslRecorder.StreamQuery.parse("name=" + name),
                            LslRecorder.StreamQuery.parse("name=" + name + "-cues"),
                            LslRecorder.StreamQuery.parse("name=" + name + "-markers")),
                    10);
            assertTrue(player.waitForConsumers(10), "the recorder's inlets connect");
            Thread t = new Thread(player::play);
            t.start();
            Map<String, Long> counts = recorder.record(1.5 / 2 + 1.5); // 1.5 s of recording at 2x, plus margin
            t.join();
            assertEquals(n, player.samplesPushed());
            assertEquals((long) n, counts.get(name));
        }
        Recording back = XdfReader.read(out);
        RecordedStream got = back.stream(name).orElseThrow();
        assertEquals(eeg.channelLabels(), got.channelLabels());
        assertEquals(eeg.units(), got.units());
        assertEquals(rate, got.nominalRate());
        assertEquals(ChannelFormat.DOUBLE64, got.format());
        assertArrayEquals(v, got.samples(), "samples arrive exactly");
        // stamped anchor + (t - t0) / 2 on the LSL clock; clock offsets on loopback are ~0
        for (int i = 1; i < n; i++) {
            assertEquals((ts[i] - ts[0]) / 2, got.timestamps()[i] - got.timestamps()[0], 1e-6, "timestamp " + i);
        }
        assertTrue(Integer.parseInt(got.properties().get("clockOffsets")) >= 2, "clock offsets written");
        RecordedStream gotCues = back.stream(name + "-cues").orElseThrow();
        assertArrayEquals(new String[] {"left", "rechts \u00fc"}, gotCues.strings());
        // across streams each stream's own time_correction estimate enters (µs apart on loopback)
        assertEquals((50.9 - 50) / 2, gotCues.timestamps()[1] - got.timestamps()[0], 1e-4);
        RecordedStream ann = back.stream(name + "-markers").orElseThrow();
        assertArrayEquals(new String[] {"end"}, ann.strings());
        assertEquals((51.0 - 50) / 2, ann.timestamps()[0] - got.timestamps()[0], 1e-4);
    }

    @Test
    void loopContinuesTheTimeAxis() throws Exception {
        int n = 20;
        double[] ts = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = 7 + i / 100.0;
            v[i] = i;
        }
        RecordedStream s = new RecordedStream(
                "loop",
                "EEG",
                "",
                List.of("x"),
                List.of("uV"),
                100,
                ChannelFormat.FLOAT32,
                ts,
                v,
                null,
                null,
                Map.of());
        String name = "nl-loop-" + UUID.randomUUID();
        Path out = tmp.resolve("loop.xdf");
        try (LslPlayer player = new LslPlayer(
                new Recording(null, "memory", List.of(s), List.of(), Map.of()),
                new LslPlayer.Config(name, new ReplaySpeed(4), 0.05, true))) {
            LslRecorder recorder = new LslRecorder(out, List.of(LslRecorder.StreamQuery.parse("name=" + name)), 10);
            assertTrue(player.waitForConsumers(10));
            Thread t = new Thread(player::play);
            t.start();
            recorder.record(1.0);
            player.stop();
            t.join();
        }
        RecordedStream got = XdfReader.read(out).stream(name).orElseThrow();
        assertTrue(got.sampleCount() >= 2 * n, "at least two passes recorded, got " + got.sampleCount());
        for (int i = 0; i < got.sampleCount(); i++) {
            assertEquals(i % n, got.samples()[i], "pass " + i / n + " repeats the file");
            if (i > 0) {
                assertEquals(
                        0.01 / 4,
                        got.timestamps()[i] - got.timestamps()[i - 1],
                        1e-6,
                        "uniform time across passes at " + i);
            }
        }
    }

    @Test
    void emptyRecordingsReturnAtOnceEvenWhenLooping() throws Exception {
        Recording empty = XdfReader.read(Path.of("../shared/data/formats/xdf/xdf-example-files/empty_streams.xdf"));
        RecordedStream data =
                empty.stream("Empty data stream: test stream 0 counter").orElseThrow();
        Recording onlyEmpty = new Recording(null, "memory", List.of(data), List.of(), Map.of());
        try (LslPlayer player = new LslPlayer(
                onlyEmpty, new LslPlayer.Config("nl-empty-" + UUID.randomUUID(), ReplaySpeed.MAX, 0.05, true))) {
            player.play();
            assertEquals(0, player.samplesPushed());
        }
    }
}
