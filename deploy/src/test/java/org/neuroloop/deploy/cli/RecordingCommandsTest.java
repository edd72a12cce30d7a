package org.neuroloop.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroloop.ingest.recording.RecordedStream;
import org.neuroloop.ingest.recording.Recording;
import org.neuroloop.ingest.recording.Recordings;

/** {@code info}, {@code play} and {@code record} through the real command line (liblsl on loopback). */
class RecordingCommandsTest {
    private static final Path VHDR = Path.of("../shared/data/formats/brainvision/test_NO.vhdr");

    @TempDir
    Path tmp;

    @Test
    void infoJsonDescribesStreamsAndAnnotations() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int code;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            code = NeuroLoopCli.commandLine().execute("info", "--json", "../shared/data/mi/eegmmidb/S001R04.edf");
        } finally {
            System.setOut(old);
        }
        assertEquals(0, code);
        JsonNode j = new ObjectMapper().readTree(buf.toString(StandardCharsets.UTF_8));
        assertEquals("edf+c", j.get("format").asText());
        JsonNode s = j.get("streams").get(0);
        assertEquals(64, s.get("channels").asInt());
        assertEquals(160.0, s.get("nominal_rate_hz").asDouble());
        assertEquals(20000, s.get("samples").asInt());
        assertEquals(125.0, j.get("duration_s").asDouble(), 1e-9);
        assertEquals(15, j.get("annotations").get("counts_per_label").get("T0").asInt());
        assertEquals(8, j.get("annotations").get("counts_per_label").get("T1").asInt());
        assertEquals(7, j.get("annotations").get("counts_per_label").get("T2").asInt());
        assertEquals(
                1,
                NeuroLoopCli.commandLine()
                        .execute("info", tmp.resolve("missing.edf").toString()));
    }

    @Test
    void recordWhatPlayPublishes() throws Exception {
        String name = "nl-cli-" + UUID.randomUUID();
        Path out = tmp.resolve("played.xdf");
        AtomicInteger recordCode = new AtomicInteger(-1);
        Thread recorder = new Thread(() -> recordCode.set(NeuroLoopCli.commandLine()
                .execute(
                        "record",
                        "--stream",
                        "name=" + name,
                        "--stream",
                        "name=" + name + "-markers",
                        "--seconds",
                        "4",
                        "--out",
                        out.toString())));
        Thread player = new Thread(() -> NeuroLoopCli.commandLine()
                .execute("play", VHDR.toString(), "--name", name, "--speed", "realtime", "--wait-consumers", "10"));
        player.start();
        recorder.start();
        player.join();
        recorder.join();
        assertEquals(0, recordCode.get());
        Recording original = Recordings.open(VHDR);
        Recording back = Recordings.open(out);
        RecordedStream a = original.streams().get(0);
        RecordedStream b = back.stream(name).orElseThrow();
        assertEquals(a.channelLabels(), b.channelLabels());
        assertEquals(a.nominalRate(), b.nominalRate());
        assertArrayEquals(a.samples(), b.samples(), "float32 values arrive exactly");
        for (int i = 1; i < a.sampleCount(); i++) {
            assertEquals(a.timestamps()[i] - a.timestamps()[0], b.timestamps()[i] - b.timestamps()[0], 1e-6);
        }
        RecordedStream m = back.stream(name + "-markers").orElseThrow();
        assertArrayEquals(new String[] {"New Segment/"}, m.strings());
    }
}
