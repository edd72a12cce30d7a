package org.neuroloop.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code evaluate spindles} over several DREAMS excerpts in one run, through the real command line: each excerpt's
 * figures equal a run on that excerpt alone, and the pooled figures are the sums of the per-excerpt counts.
 */
class EvaluateSpindlesExcerptsTest {
    static final String D = SleepCommandsTest.D;

    /**
     * Excerpt 1 (100 Hz, gated by its hypnogram) and excerpt 3 (50 Hz, ungated), scored against expert 1 on the
     * 1000 s expert 1 scored (52 and 5 spindles).
     */
    static final String[][] EXCERPTS = {
        {
            "--signal",
            D + "excerpt1.txt",
            "--fs",
            "100",
            "--reference",
            D + "Visual_scoring1_excerpt1.txt",
            "--hypnogram",
            D + "Hypnogram_excerpt1.txt"
        },
        {"--signal", D + "excerpt3.txt", "--fs", "50", "--reference", D + "Visual_scoring1_excerpt3.txt"}
    };

    static final String[] WINDOW = {"--to", "1000", "--json"};

    @Test
    void pooledFiguresAreTheSumsOfTheExcerptsAndEachEqualsItsOwnRun() throws Exception {
        List<String> both = new ArrayList<>(List.of("evaluate", "spindles"));
        for (String[] e : EXCERPTS) {
            both.addAll(List.of(e));
        }
        both.addAll(List.of(WINDOW));
        MiCommandsTest.Run r = MiCommandsTest.run(both.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        JsonNode pooled = MiCommandsTest.lastJsonLine(r.out());
        assertEquals(2, pooled.get("n_excerpts").asInt(), pooled.toString());
        JsonNode parts = pooled.get("excerpts");
        assertEquals(2, parts.size());
        assertTrue(r.err().contains("evaluate spindles"), "progress on stderr: " + r.err());

        int tp = 0, fp = 0, fn = 0, fired = 0, delays = 0;
        for (int i = 0; i < EXCERPTS.length; i++) {
            JsonNode part = parts.get(i);
            List<String> alone = new ArrayList<>(List.of("evaluate", "spindles"));
            alone.addAll(List.of(EXCERPTS[i]));
            alone.addAll(List.of(WINDOW));
            MiCommandsTest.Run one = MiCommandsTest.run(alone.toArray(String[]::new));
            assertEquals(0, one.code(), one.err());
            JsonNode single = MiCommandsTest.lastJsonLine(one.out());
            assertEquals(1, single.get("n_excerpts").asInt());
            for (String f : new String[] {
                "tp", "fp", "fn", "n_detected", "n_reference", "n_fired", "f1", "precision", "recall", "delays_s"
            }) {
                assertEquals(single.get(f), part.get(f), f + " of " + part.get("name") + " alone and in the pool");
                assertEquals(single.get(f), single.get("excerpts").get(0).get(f), f + " top level of a single run");
            }
            assertEquals(EXCERPTS[i][1], part.get("signal").asText());
            assertEquals(1000.0, part.get("to").asDouble());
            assertTrue(part.get("n_reference").asInt() > 0, part.toString());
            tp += part.get("tp").asInt();
            fp += part.get("fp").asInt();
            fn += part.get("fn").asInt();
            fired += part.get("n_fired").asInt();
            delays += part.get("delays_s").size();
        }
        assertEquals(
                List.of("excerpt1.txt", "excerpt3.txt"),
                List.of(
                        parts.get(0).get("name").asText(),
                        parts.get(1).get("name").asText()));
        assertEquals(tp, pooled.get("tp").asInt());
        assertEquals(fp, pooled.get("fp").asInt());
        assertEquals(fn, pooled.get("fn").asInt());
        assertEquals(fired, pooled.get("n_fired").asInt());
        assertEquals(delays, pooled.get("delays_s").size());
        assertEquals(tp + fp, pooled.get("n_detected").asInt());
        assertEquals(tp + fn, pooled.get("n_reference").asInt());
        assertEquals(2.0 * tp / (2 * tp + fp + fn), pooled.get("f1").asDouble(), 1e-12);
        assertEquals((double) tp / (tp + fp), pooled.get("precision").asDouble(), 1e-12);
        assertEquals((double) tp / (tp + fn), pooled.get("recall").asDouble(), 1e-12);
    }

    @Test
    void textOutputHasALinePerExcerptAndThePooledLine() {
        List<String> args = new ArrayList<>(List.of("evaluate", "spindles", "--mode", "offline", "--to", "1000"));
        for (String[] e : EXCERPTS) {
            args.addAll(List.of(e));
        }
        MiCommandsTest.Run r = MiCommandsTest.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().strip().lines().toList();
        assertEquals(3, lines.size(), r.out());
        assertTrue(lines.get(0).startsWith("excerpt1.txt offline: F1 "), lines.get(0));
        assertTrue(lines.get(1).startsWith("excerpt3.txt offline: F1 "), lines.get(1));
        assertTrue(lines.get(2).startsWith("pooled over 2 excerpts offline: F1 "), lines.get(2));
    }

    @Test
    void badInputNamesTheOptionAndFileBeforeAnyWork() {
        MiCommandsTest.Run missing = withExcerpt1(
                "--signal", D + "excerpt3.txt", "--fs", "50", "--reference", D + "Visual_scoring1_excerpt9.txt");
        assertEquals(2, missing.code());
        assertTrue(
                missing.err().contains("--reference " + D + "Visual_scoring1_excerpt9.txt: no such file"),
                missing.err());
        assertFalse(missing.err().contains("\tat "), "no stack trace: " + missing.err());
        assertEquals("", missing.out(), "nothing scored before the check");

        MiCommandsTest.Run noRate = withExcerpt1(
                "--signal", D + "excerpt3.txt", "--reference", D + "Visual_scoring1_excerpt3.txt", "--to", "100");
        assertEquals(2, noRate.code());
        assertTrue(noRate.err().contains("excerpt3.txt") && noRate.err().contains("--fs"), noRate.err());

        MiCommandsTest.Run noReference = withExcerpt1("--signal", D + "excerpt3.txt", "--fs", "50");
        assertEquals(2, noReference.code());
        assertTrue(noReference.err().contains("--reference"), noReference.err());

        MiCommandsTest.Run showWithoutReport =
                withExcerpt1("--show-scoring", "expert2=" + D + "Visual_scoring2_excerpt1.txt");
        assertEquals(2, showWithoutReport.code());
        assertTrue(showWithoutReport.err().contains("--report"), showWithoutReport.err());
    }

    /** {@code evaluate spindles} of excerpt 1 (without its hypnogram) and then {@code more}. */
    private static MiCommandsTest.Run withExcerpt1(String... more) {
        List<String> args = new ArrayList<>(List.of("evaluate", "spindles"));
        args.addAll(List.of(EXCERPTS[0]).subList(0, 6));
        args.addAll(List.of(more));
        return MiCommandsTest.run(args.toArray(String[]::new));
    }
}
