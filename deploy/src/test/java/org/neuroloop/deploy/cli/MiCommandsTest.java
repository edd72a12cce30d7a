package org.neuroloop.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train mi}, {@code evaluate mi} and {@code replay --pipeline mi} through the real command line on EEGMMIDB
 * S001.
 */
class MiCommandsTest {

    static final String R04 = "../shared/data/mi/eegmmidb/S001R04.edf";
    static final String R08 = "../shared/data/mi/eegmmidb/S001R08.edf";

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = NeuroLoopCli.commandLine().execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    static JsonNode lastJsonLine(String out) throws Exception {
        String[] lines = out.strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }

    @Test
    void evaluateKFoldPrintsTheAgreedJsonFields() throws Exception {
        Run r = run(
                "evaluate",
                "mi",
                "--recording",
                R04,
                "--labels",
                "T1=left,T2=right",
                "--window",
                "0.5:2.5",
                "--band",
                "8:30",
                "--pipeline",
                "csp-lda",
                "--kfold",
                "3",
                "--repeats",
                "2",
                "--seed",
                "7",
                "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = lastJsonLine(r.out());
        for (String field : new String[] {"pipeline", "accuracy", "accuracy_std", "auc", "n_trials", "n_folds"}) {
            assertTrue(j.has(field), "missing " + field + " in " + j);
        }
        assertEquals(15, j.get("n_trials").asInt());
        assertEquals(6, j.get("n_folds").asInt());
        double acc = j.get("accuracy").asDouble();
        assertTrue(acc >= 0 && acc <= 1, j.toString());
    }

    @Test
    void trainThenReplayAgreesWithOfflineOnTheSameModel() throws Exception {
        Path model = dir.resolve("model.json");
        Run t = run("train", "mi", "--recording", R04, "--pipeline", "csp-lda", "--out", model.toString());
        assertEquals(0, t.code(), t.err());
        assertTrue(t.err().contains("train csp-lda") && t.err().contains("2/2 stages"), "progress: " + t.err());
        Path out = dir.resolve("predictions.jsonl");
        Run r = run("replay", R08, "--pipeline", "mi", "--model", model.toString(), "--out", out.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = lastJsonLine(r.out());
        assertEquals(15, j.get("n_trials").asInt());
        assertEquals(
                j.get("offline_accuracy").asDouble(), j.get("online_accuracy").asDouble(), 1e-12);
        assertEquals(
                j.get("n_predictions").asInt(),
                Files.readAllLines(out).stream()
                        .filter(line -> line.contains("\"type\":\"prediction\""))
                        .count(),
                "the job's predictions are in --out");
    }

    @Test
    void badInputGivesAClearErrorAndExitCode2() {
        Run r = run(
                "evaluate",
                "mi",
                "--recording",
                R04,
                "--labels",
                "T1=left,T5=right",
                "--pipeline",
                "csp-lda",
                "--kfold",
                "3",
                "--repeats",
                "1");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("annotation 'T5' occurs in none of [S001R04.edf]"), r.err());
        r = run("evaluate", "mi", "--recording", R04, "--window", "0.5:4.5", "--pipeline", "csp-lda");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("is longer than the trial"), r.err());
        r = run("evaluate", "mi", "--recording", R04, "--pipeline", "nope");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown pipeline 'nope'"), r.err());
    }
}
