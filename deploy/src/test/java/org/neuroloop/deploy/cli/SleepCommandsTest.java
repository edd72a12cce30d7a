package org.neuroloop.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code detect spindles}, {@code evaluate spindles} and {@code evaluate so-phase} through the real command line. */
class SleepCommandsTest {
    static final String D = "../shared/data/sleep/dreams_spindles/";

    @TempDir
    Path dir;

    @Test
    void evaluateSpindlesOnlinePrintsTheAgreedFields() throws Exception {
        MiCommandsTest.Run r = MiCommandsTest.run(
                "evaluate",
                "spindles",
                "--signal",
                D + "excerpt1.txt",
                "--fs",
                "100",
                "--reference",
                D + "Visual_scoring1_excerpt1.txt",
                "--from",
                "0",
                "--to",
                "1000",
                "--mode",
                "online",
                "--iou",
                "0.2",
                "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = MiCommandsTest.lastJsonLine(r.out());
        for (String f : new String[] {
            "f1", "precision", "recall", "tp", "fp", "fn", "n_detected", "n_reference", "median_delay_s"
        }) {
            assertTrue(j.has(f), "missing " + f + " in " + j);
        }
        assertEquals(52, j.get("n_reference").asInt());
        assertEquals(
                j.get("tp").asInt() + j.get("fn").asInt(), j.get("n_reference").asInt());
        assertEquals(
                2.0
                        * j.get("tp").asInt()
                        / (2 * j.get("tp").asInt()
                                + j.get("fp").asInt()
                                + j.get("fn").asInt()),
                j.get("f1").asDouble(),
                1e-12);
        assertTrue(j.get("f1").asDouble() > 0.75, j.toString());
    }

    @Test
    void detectSpindlesWritesTsvAndEdfGivesTheSameAsText() throws Exception {
        Path tsv = dir.resolve("ev.tsv");
        MiCommandsTest.Run t = MiCommandsTest.run(
                "detect", "spindles", "--signal", D + "excerpt3.txt", "--fs", "50", "--out", tsv.toString());
        assertEquals(0, t.code(), t.err());
        List<String> lines = Files.readAllLines(tsv);
        assertTrue(lines.get(0).startsWith("onset_s\toffset_s"));
        MiCommandsTest.Run e =
                MiCommandsTest.run("detect", "spindles", "--signal", D + "excerpt3.edf", "--channel", "C3-A1");
        assertEquals(0, e.code(), e.err());
        assertEquals(String.join("\n", lines).strip(), e.out().strip());
    }

    @Test
    void textWithoutRateAndUnknownChannelAreClearErrors() {
        MiCommandsTest.Run r = MiCommandsTest.run("detect", "spindles", "--signal", D + "excerpt1.txt");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--fs"), r.err());
        MiCommandsTest.Run c =
                MiCommandsTest.run("detect", "spindles", "--signal", D + "excerpt3.edf", "--channel", "Cz");
        assertEquals(2, c.code());
        assertTrue(c.err().contains("no channel 'Cz'") && c.err().contains("C3-A1"), c.err());
    }

    @Test
    void evaluateSoPhasePrintsTheAgreedFields() throws Exception {
        MiCommandsTest.Run r = MiCommandsTest.run(
                "evaluate",
                "so-phase",
                "--signal",
                D + "excerpt2.txt",
                "--fs",
                "200",
                "--target-deg",
                "0",
                "--hypnogram",
                D + "Hypnogram_excerpt2.txt",
                "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = MiCommandsTest.lastJsonLine(r.out());
        for (String f : new String[] {"n_targets", "mean_error_deg", "sd_error_deg", "within_45deg"}) {
            assertTrue(j.has(f), "missing " + f + " in " + j);
        }
        assertTrue(j.get("n_targets").asInt() > 50, j.toString());
        assertTrue(r.err().contains("evaluate so-phase") && r.err().contains("2/2 stages"), "progress: " + r.err());
    }
}
