package org.neuroloop.classifiers.deep.simpleconv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroloop.classifiers.deep.TrainingProgress;
import org.neuroloop.classifiers.mi.Band;
import org.neuroloop.classifiers.mi.ClassLabels;
import org.neuroloop.classifiers.mi.EpochWindow;
import org.neuroloop.classifiers.mi.Trial;
import org.neuroloop.classifiers.mi.TrialSet;

/** Tiny networks on synthetic "motor imagery": the class decides which channel carries a 10 Hz rhythm. */
class SimpleConvModelTest {

    static final SimpleConvConfig TINY = new SimpleConvConfig(16, 4, 1, 32, 15, 8, 3e-3f, 0.4, true, 2, 1e-3f, 42);
    static final int CHANNELS = 4;
    static final double FS = 64;
    static final int SAMPLES = 64;

    static SubjectTrials subject(String name, double gain, long seed) {
        Random r = new Random(seed);
        int n = 24;
        double[][][] x = new double[n][CHANNELS][SAMPLES];
        int[] y = new int[n];
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            double phase = r.nextDouble() * 2 * Math.PI;
            for (int c = 0; c < CHANNELS; c++) {
                for (int k = 0; k < SAMPLES; k++) {
                    double rhythm = c == y[i] ? 3 * Math.sin(2 * Math.PI * 10 * k / FS + phase) : 0;
                    x[i][c][k] = gain * (rhythm + r.nextGaussian());
                }
            }
            trials.add(new Trial(name + ".edf", i, 2, y[i] == 0 ? "T1" : "T2", i * 100L, y[i]));
        }
        TrialSet set = new TrialSet(
                x,
                y,
                trials,
                new int[n],
                List.of(name + ".edf"),
                List.of("C1", "C2", "C3", "C4"),
                FS,
                ClassLabels.parse("T1=left,T2=right"));
        return SubjectTrials.of(name, set);
    }

    static SimpleConvModel pretrain(SimpleConvConfig cfg) {
        return SimpleConvModel.pretrain(
                cfg,
                List.of(subject("S101", 1, 1), subject("S102", 5, 2)),
                new Band(8, 30),
                new EpochWindow(0.5, 1.5),
                TrainingProgress.SILENT);
    }

    @Test
    void pretrainingIsDeterministicAndLearnsTheRhythm() {
        SimpleConvModel a = pretrain(TINY);
        SimpleConvModel b = pretrain(TINY);
        SubjectTrials target = subject("S103", 20, 3); // another gain: alignment takes it out
        double[] pa = a.predictProba1(target.aligned());
        assertArrayEquals(pa, b.predictProba1(target.aligned()), 0, "same seed, same data, same probabilities");
        assertTrue(
                SimpleConvEvaluation.zeroShot(a, target).accuracy() >= 0.8, "zero-shot on an unseen, rescaled subject");
        assertEquals(List.of("S101", "S102"), a.subjects());
    }

    @Test
    void fineTuningKeepsTheAlignmentAndZeroEpochsChangeNothing(@TempDir Path dir) throws Exception {
        SimpleConvModel pre = pretrain(TINY);
        SubjectTrials target = subject("S103", 20, 3);
        SimpleConvModel same = pre.withFineTuneEpochs(0)
                .fineTune(target.aligned(), target.trials().labels(), target.alignment(), TrainingProgress.SILENT);
        assertArrayEquals(pre.predictProba1(target.aligned()), same.predictProba1(target.aligned()), 0);
        SimpleConvModel tuned =
                pre.fineTune(target.aligned(), target.trials().labels(), target.alignment(), TrainingProgress.SILENT);
        assertNotNull(tuned.alignment());
        double[] before = pre.predictProba1(target.aligned());
        double[] after = tuned.predictProba1(target.aligned());
        double change = 0;
        for (int i = 0; i < before.length; i++) {
            change = Math.max(change, Math.abs(before[i] - after[i]));
        }
        assertTrue(change > 1e-4, "fine-tuning moved no probability (largest change " + change + ")");
        Path f = dir.resolve("ft.model");
        tuned.save(f);
        SimpleConvModel back = SimpleConvModel.load(f);
        assertArrayEquals(tuned.predictProba1(target.aligned()), back.predictProba1(target.aligned()), 0);
        assertArrayEquals(tuned.alignment().whitener(), back.alignment().whitener(), 0);
    }

    @Test
    void fineTuningStartsFromThePretrainedWeights() {
        SimpleConvConfig tinyStep = new SimpleConvConfig(16, 4, 1, 32, 15, 8, 3e-3f, 0.4, true, 1, 1e-7f, 42);
        SimpleConvModel pre = pretrain(tinyStep);
        SubjectTrials target = subject("S103", 20, 3);
        double[] before = pre.predictProba1(target.aligned());
        double[] after = pre.fineTune(
                        target.aligned(), target.trials().labels(), target.alignment(), TrainingProgress.SILENT)
                .predictProba1(target.aligned());
        // batch norm running statistics move a little with any training step; re-initialised weights would move a lot
        assertArrayEquals(before, after, 0.05);
    }

    @Test
    void rejectsEpochsOfAnotherShapeAndBadFiles(@TempDir Path dir) throws Exception {
        SimpleConvModel pre = pretrain(TINY.withSchedule(1, 0));
        assertThrows(IllegalArgumentException.class, () -> pre.predictProba1(new double[2][CHANNELS][SAMPLES + 1]));
        Path f = dir.resolve("bad.model");
        Files.writeString(f, "{\"format\":\"something-else\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SimpleConvModel.load(f));
        assertTrue(e.getMessage().contains("bad.model") && e.getMessage().contains("format"), e.getMessage());
    }
}
