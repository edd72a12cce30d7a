package org.neuroloop.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code neuroloop info FILE...} through the real command line, over the sample formats and broken files. */
class InfoCommandTest {
    private static final Path FORMATS = Path.of("../shared/data/formats");

    @TempDir
    Path tmp;

    @Test
    void describesEverySampleFileOneJsonLineEach() throws Exception {
        Run run = run(FORMATS.toString());
        assertEquals(0, run.code, run.err);
        long recordings;
        try (var s = Files.walk(FORMATS)) {
            recordings = s.filter(p -> p.toString().matches(".*\\.(xdf|edf|bdf|gdf|vhdr)$"))
                    .count();
        }
        assertEquals(recordings, run.lines.size(), "one line per recording in the folder");
        for (JsonNode j : run.lines.values()) {
            assertFalse(j.has("error"), j.toString());
            assertTrue(j.get("streams").size() >= 1, j.toString());
        }
        JsonNode minimal = run.lines.get(
                FORMATS.resolve("xdf/xdf-example-files/minimal.xdf").toString());
        assertEquals("xdf", minimal.get("format").asText());
        assertEquals(2, minimal.get("streams").size());
        assertFalse(run.err.contains("Exception"), run.err);
    }

    @Test
    void keepsGoingPastBadFilesAndExitsOne() throws Exception {
        byte[] edf = Files.readAllBytes(FORMATS.resolve("edf/test_reduced.edf"));
        Path truncated = Files.write(tmp.resolve("truncated.edf"), Arrays.copyOf(edf, 300));
        Path claims = Files.write(tmp.resolve("claims.edf"), hugeRecordCount(edf));
        // a FileHeader chunk (length 11: tag 1, then 9 bytes of broken XML)
        Path garbage = Files.write(
                tmp.resolve("garbage.xdf"),
                "XDF:\u0001\u000b\u0001\u0000<info><ve".getBytes(StandardCharsets.ISO_8859_1));
        Path header = Files.writeString(
                tmp.resolve("nodata.vhdr"),
                "Brain Vision Data Exchange Header File Version 1.0\n[Common Infos]\nDataFile=gone.eeg\n"
                        + "NumberOfChannels=1\nSamplingInterval=1000\n[Channel Infos]\nCh1=C3,,1,µV\n");
        Path good = FORMATS.resolve("gdf/test_1ch.gdf");
        Path missing = tmp.resolve("missing.edf");
        Run run = run(
                truncated.toString(),
                good.toString(),
                claims.toString(),
                garbage.toString(),
                header.toString(),
                missing.toString());
        assertEquals(1, run.code);
        assertEquals(6, run.lines.size(), run.out);
        assertEquals("gdf", run.lines.get(good.toString()).get("format").asText());
        for (Path bad : List.of(truncated, claims, garbage, header, missing)) {
            JsonNode j = run.lines.get(bad.toString());
            assertTrue(j.has("error"), bad + ": " + j);
            assertEquals(2, j.size(), "only file and error: " + j);
        }
        assertTrue(run.lines.get(claims.toString()).get("error").asText().contains("data records"));
        assertTrue(run.lines.get(header.toString()).get("error").asText().contains("DataFile"));
        assertTrue(run.lines.get(garbage.toString()).get("error").asText().contains("FileHeader XML"));
        assertTrue(run.lines.get(missing.toString()).get("error").asText().startsWith("no such file"));
        assertFalse(run.err.contains("Exception") || run.err.contains("\tat "), "no stack trace: " + run.err);
        assertFalse(run.err.contains("[Fatal Error]"), run.err);
    }

    /** The EDF's header and 1 kB of its data, the header claiming 99,999,999 data records. */
    private static byte[] hugeRecordCount(byte[] edf) {
        int headerBytes = Integer.parseInt(new String(edf, 184, 8, StandardCharsets.US_ASCII).strip());
        byte[] head = Arrays.copyOf(edf, headerBytes + 1024);
        byte[] count = "99999999".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(count, 0, head, 236, 8);
        return head;
    }

    private record Run(int code, String out, String err, Map<String, JsonNode> lines) {}

    private static Run run(String... files) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            List<String> args = new ArrayList<>(List.of("info"));
            args.addAll(List.of(files));
            code = NeuroLoopCli.commandLine().execute(args.toArray(String[]::new));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        Map<String, JsonNode> lines = new LinkedHashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                JsonNode j = json.readTree(line);
                lines.put(j.get("file").asText(), j);
            }
        }
        return new Run(code, text, err.toString(StandardCharsets.UTF_8), lines);
    }
}
