package org.neuroloop.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuroloop.deploy.cli.MiCommandsTest.lastJsonLine;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simpleconv and spindle-network commands through the real command line, with tiny schedules (one epoch, one
 * fold) so they run in seconds; the full runs are the same commands with the default schedule.
 */
class DeepCommandsTest {

    static final String MI = "../shared/data/mi/eegmmidb/";
    static final String DREAMS = "../shared/data/sleep/dreams_spindles/";
    static final String[] TINY = {"--epochs", "1", "--fine-tune-epochs", "1", "--filters", "16"};

    @TempDir
    Path dir;

    static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void pretrainFineTuneZeroShotAndLoso() throws Exception {
        Path pre = dir.resolve("pre.model");
        Run t = run(concat(
                new String[] {
                    "train",
                    "mi",
                    "--pipeline",
                    "simpleconv",
                    "--recording",
                    MI + "S006R04.edf",
                    MI + "S006R08.edf",
                    MI + "S007R04.edf",
                    "--out",
                    pre.toString(),
                    "--json"
                },
                TINY));
        assertEquals(0, t.code(), t.err());
        JsonNode j = lastJsonLine(t.out());
        assertEquals("S006,S007", j.get("subjects").asText(), "subjects from the file names");
        assertTrue(t.err().contains("epoch 1/1"), "progress is shown: " + t.err());

        String[] s001 = {MI + "S001R04.edf", MI + "S001R08.edf", MI + "S001R12.edf"};
        Run z = run(concat(
                concat(
                        new String[] {
                            "evaluate",
                            "mi",
                            "--pipeline",
                            "simpleconv",
                            "--pretrained",
                            pre.toString(),
                            "--zero-shot",
                            "--json",
                            "--recording"
                        },
                        s001),
                TINY));
        assertEquals(0, z.code(), z.err());
        JsonNode zj = lastJsonLine(z.out());
        assertEquals(45, zj.get("n_trials").asInt());
        assertEquals(false, zj.get("target_in_pretraining").asBoolean());

        Run f = run(concat(
                concat(
                        new String[] {
                            "evaluate",
                            "mi",
                            "--pipeline",
                            "simpleconv",
                            "--pretrained",
                            pre.toString(),
                            "--folds",
                            "../shared/folds/S001_imagined.json",
                            "--splits",
                            "2",
                            "--json",
                            "--recording"
                        },
                        s001),
                TINY));
        assertEquals(0, f.code(), f.err());
        JsonNode fj = lastJsonLine(f.out());
        assertEquals(2, fj.get("n_folds").asInt());
        double acc = fj.get("accuracy").asDouble();
        assertTrue(acc >= 0 && acc <= 1);

        Path ft = dir.resolve("ft.model");
        Run ftRun = run(concat(
                new String[] {
                    "train",
                    "mi",
                    "--pipeline",
                    "simpleconv",
                    "--pretrained",
                    pre.toString(),
                    "--recording",
                    MI + "S001R04.edf",
                    "--out",
                    ft.toString(),
                    "--json"
                },
                TINY));
        assertEquals(0, ftRun.code(), ftRun.err());
        assertEquals("fine-tuned", lastJsonLine(ftRun.out()).get("mode").asText());

        Run loso = run(concat(
                new String[] {
                    "evaluate",
                    "mi",
                    "--loso",
                    "--pipeline",
                    "simpleconv",
                    "--folds-dir",
                    "../shared/folds",
                    "--splits",
                    "1",
                    "--json",
                    "--recording",
                    MI + "S006R04.edf",
                    MI + "S006R08.edf",
                    MI + "S006R12.edf",
                    MI + "S007R04.edf",
                    MI + "S007R08.edf",
                    MI + "S007R12.edf"
                },
                TINY));
        assertEquals(0, loso.code(), loso.err());
        JsonNode lj = lastJsonLine(loso.out());
        assertEquals(2, lj.get("subjects").size());
        assertTrue(
                lj.get("subjects").get(1).has("fine_tuned")
                        && lj.get("subjects").get(1).has("zero_shot"),
                lj.toString());

        Run ts = run(
                "evaluate",
                "mi",
                "--loso",
                "--pipeline",
                "ts-lr",
                "--folds-dir",
                "../shared/folds",
                "--splits",
                "2",
                "--json",
                "--recording",
                MI + "S006R04.edf",
                MI + "S006R08.edf",
                MI + "S006R12.edf",
                MI + "S007R04.edf",
                MI + "S007R08.edf",
                MI + "S007R12.edf");
        assertEquals(0, ts.code(), ts.err());
        JsonNode tj = lastJsonLine(ts.out()).get("subjects").get(0);
        assertTrue(tj.has("cross_subject") && tj.has("within_subject"), tj.toString());
    }

    @Test
    void badDeepInputGivesClearErrors() throws Exception {
        Run noSubject = run(
                "train",
                "mi",
                "--pipeline",
                "simpleconv",
                "--recording",
                "../shared/data/formats/edf/test_reduced.edf",
                "--out",
                dir.resolve("x.model").toString());
        assertEquals(2, noSubject.code());
        assertTrue(noSubject.err().contains("--subject"), noSubject.err());
        Run badModel = run(
                "evaluate",
                "mi",
                "--pipeline",
                "simpleconv",
                "--pretrained",
                MI + "S001R04.edf.event",
                "--zero-shot",
                "--recording",
                MI + "S001R04.edf");
        assertEquals(2, badModel.code());
        assertTrue(badModel.err().contains("S001R04.edf.event"), badModel.err());
        Run noModel = run(
                "evaluate",
                "spindles",
                "--detector",
                "net",
                "--signal",
                DREAMS + "excerpt3.txt",
                "--fs",
                "50",
                "--reference",
                DREAMS + "Visual_scoring1_excerpt3.txt");
        assertEquals(2, noModel.code());
        assertTrue(noModel.err().contains("--model"), noModel.err());
    }

    @Test
    void trainAndEvaluateTheSpindleNet() throws Exception {
        Path net = dir.resolve("net.model");
        Run t = run(
                "train",
                "spindles",
                "--signal",
                DREAMS + "excerpt3.txt",
                "--fs",
                "50",
                "--reference",
                DREAMS + "Visual_scoring1_excerpt3.txt",
                "--also-positive",
                DREAMS + "Visual_scoring2_excerpt3.txt",
                "--signal",
                DREAMS + "excerpt1.txt",
                "--fs",
                "100",
                "--reference",
                DREAMS + "Visual_scoring1_excerpt1.txt",
                "--scored-until",
                "300",
                "--epochs",
                "1",
                "--out",
                net.toString(),
                "--json");
        assertEquals(0, t.code(), t.err());
        assertEquals(
                "excerpt3.txt,excerpt1.txt",
                lastJsonLine(t.out()).get("trained_on").asText());
        Run e = evaluateNet(net, excerpt(1, 100));
        assertEquals(0, e.code(), e.err());
        JsonNode j = lastJsonLine(e.out());
        assertEquals("net", j.get("detector").asText());
        assertTrue(j.has("f1") && j.has("median_delay_s") && j.has("delays_s"), j.toString());
        // two excerpts in one run: the first scores as alone, the pooled counts are the sums
        Run two = evaluateNet(net, excerpt(1, 100), excerpt(3, 50));
        assertEquals(0, two.code(), two.err());
        JsonNode pooled = lastJsonLine(two.out());
        JsonNode first = pooled.get("excerpts").get(0);
        JsonNode second = pooled.get("excerpts").get(1);
        for (String f : new String[] {"tp", "fp", "fn", "n_fired", "delays_s"}) {
            assertEquals(j.get(f), first.get(f), f + " of excerpt 1 alone and with excerpt 3");
        }
        for (String f : new String[] {"tp", "fp", "fn", "n_fired", "n_detected", "n_reference"}) {
            assertEquals(
                    first.get(f).asInt() + second.get(f).asInt(), pooled.get(f).asInt(), f + " pooled");
        }
    }

    private record Run(int code, String out, String err) {}

    /** {@code evaluate spindles --detector net} over the given excerpts' 0-300 s, as JSON. */
    @SafeVarargs
    private static Run evaluateNet(Path net, List<String>... excerpts) {
        List<String> args =
                new ArrayList<>(List.of("evaluate", "spindles", "--detector", "net", "--model", net.toString()));
        for (List<String> e : excerpts) {
            args.addAll(e);
        }
        args.addAll(List.of("--to", "300", "--json"));
        return run(args.toArray(String[]::new));
    }

    /** One DREAMS excerpt's signal, rate and expert-1 scoring as {@code evaluate spindles} options. */
    private static List<String> excerpt(int k, int fs) {
        return List.of(
                "--signal",
                DREAMS + "excerpt" + k + ".txt",
                "--fs",
                Integer.toString(fs),
                "--reference",
                DREAMS + "Visual_scoring1_excerpt" + k + ".txt");
    }

    private static Run run(String... args) {
        MiCommandsTest.Run r = MiCommandsTest.run(args);
        return new Run(r.code(), r.out(), r.err());
    }
}
