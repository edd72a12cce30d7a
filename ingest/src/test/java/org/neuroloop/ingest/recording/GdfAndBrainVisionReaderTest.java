package org.neuroloop.ingest.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GDF and BrainVision against values MNE-Python reads from the same files. */
class GdfAndBrainVisionReaderTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "formats/gdf/test_1ch.gdf",
                "formats/brainvision/Analyzer_nV_Export.vhdr",
                "formats/brainvision/test_NO.vhdr"
            })
    void matchesMne(String rel) throws Exception {
        Path file = Fixtures.DATA.resolve(rel);
        JsonNode exp = Fixtures.expected(file.getFileName().toString());
        Recording r = Recordings.open(file);
        assertEquals(1, r.streams().size());
        RecordedStream s = r.streams().get(0);
        assertEquals(exp.get("sfreq").asDouble(), s.nominalRate(), 1e-9);
        assertEquals(exp.get("n_times").asInt(), s.sampleCount());
        JsonNode channels = exp.get("channels");
        assertEquals(channels.size(), s.channelCount());
        for (int c = 0; c < channels.size(); c++) {
            JsonNode ch = channels.get(c);
            assertEquals(ch.get("name").asText(), s.channelLabels().get(c));
            assertEquals("uV", s.units().get(c));
            // GDF: MNE reports no unit text, the file's code 4274 and text say mV; BrainVision fixtures are in µV
            double factor = rel.endsWith(".gdf")
                    ? 1000
                    : Fixtures.toMicrovolt(ch.get("unit").asText());
            for (int k = 0; k < ch.get("index").size(); k++) {
                int i = ch.get("index").get(k).asInt();
                double want = ch.get("values").get(k).asDouble() * factor;
                // MNE scales GDF float32 samples in single precision: agree to float32 resolution there
                double tol = rel.endsWith(".gdf") ? 1e-6 : 1e-9;
                assertEquals(want, s.sample(i, c), tol * Math.max(1, Math.abs(want)), ch.get("name") + "[" + i + "]");
            }
        }
        JsonNode ann = exp.get("annotations");
        assertEquals(ann.get("count").asInt(), r.annotations().size());
        for (int k = 0; k < ann.get("onsets").size(); k++) {
            assertEquals(
                    ann.get("onsets").get(k).asDouble(), r.annotations().get(k).onset(), 1e-9);
            assertEquals(
                    ann.get("durations").get(k).asDouble(),
                    r.annotations().get(k).duration(),
                    1e-9);
            assertEquals(
                    ann.get("descriptions").get(k).asText(),
                    r.annotations().get(k).label());
        }
    }

    @TempDir
    Path tmp;

    /** test_1ch.gdf has no event table: append a mode-3 one (GDF 2 layout) and read it back as annotations. */
    @Test
    void gdfEventTableBecomesAnnotations() throws Exception {
        byte[] data = Files.readAllBytes(Fixtures.DATA.resolve("formats/gdf/test_1ch.gdf"));
        int n = 2;
        ByteBuffer t = ByteBuffer.allocate(8 + n * 12).order(ByteOrder.LITTLE_ENDIAN);
        t.put((byte) 3).put((byte) n).put((byte) 0).put((byte) 0).putFloat(150f);
        t.putInt(151).putInt(301); // 1-based positions: 1.0 s and 2.0 s
        t.putShort((short) 0x0300).putShort((short) 769);
        t.putShort((short) 0).putShort((short) 1); // channels
        t.putInt(75).putInt(0); // durations in samples
        Path f = tmp.resolve("events.gdf");
        ByteBuffer all =
                ByteBuffer.allocate(data.length + t.capacity()).put(data).put(t.array());
        Files.write(f, all.array());
        Recording r = Recordings.open(f);
        assertEquals(List.of(new Annotation(1.0, 0.5, "768"), new Annotation(2.0, 0, "769")), r.annotations());
        assertEquals(4500, r.streams().get(0).sampleCount());
    }
}
