package org.neuroloop.classifiers.mi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model files round-trip exactly and refuse data that does not fit; epoching refuses bad requests. */
class MotorImageryModelTest {

    @TempDir
    Path dir;

    @Test
    void everyPipelineRoundTripsThroughItsJsonFile() throws IOException {
        TrialSet train = S001.trials(List.of("S001R04.edf"));
        TrialSet test = S001.trials(List.of("S001R08.edf"));
        for (String name : List.of("csp-lda", "csp-slda", "mdm", "ts-lr", "aug-ts-lr", "aug-mdm")) {
            MotorImageryModel m = MotorImageryModel.train(PipelineSpec.of(name), train, S001.BAND, S001.WINDOW);
            Path file = dir.resolve(name + ".json");
            m.save(file);
            MotorImageryModel back = MotorImageryModel.load(file);
            assertEquals(name, back.spec().name());
            assertEquals(train.channels(), back.channels());
            assertEquals(320, back.windowSamples());
            double[][] a = m.predictProba(test);
            double[][] b = back.predictProba(test);
            for (int i = 0; i < a.length; i++) {
                assertArrayEquals(a[i], b[i], 1e-12, name + " trial " + i);
            }
        }
    }

    /** An embedding of order 1 is the plain covariance: aug-ts-lr(order 1) is ts-lr. */
    @Test
    void augmentedOrderOneIsThePlainPipeline() {
        TrialSet train = S001.trials(List.of("S001R04.edf"));
        TrialSet test = S001.trials(List.of("S001R08.edf"));
        double[][] plain = PipelineSpec.of("ts-lr")
                .create(null)
                .fit(train.epochs(), train.labels(), train.sessions())
                .predictProba(test.epochs(), test.sessions());
        double[][] aug = PipelineSpec.of("aug-ts-lr")
                .withEmbedding(1, 1)
                .create(null)
                .fit(train.epochs(), train.labels(), train.sessions())
                .predictProba(test.epochs(), test.sessions());
        for (int i = 0; i < plain.length; i++) {
            assertArrayEquals(plain[i], aug[i], 1e-12);
        }
    }

    @Test
    void channelMismatchIsRefusedNamingTheChannel() {
        TrialSet train = S001.trials(List.of("S001R04.edf"));
        MotorImageryModel m = MotorImageryModel.train(PipelineSpec.of("csp-lda"), train, S001.BAND, S001.WINDOW);
        List<String> swapped = new ArrayList<>(train.channels());
        swapped.set(3, "Cz");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> m.requireCompatible(swapped, 160, "stream X"));
        assertTrue(e.getMessage().contains("channel 3 is 'Cz'"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> m.requireCompatible(train.channels().subList(0, 10), 160, "stream X"));
        assertTrue(e.getMessage().contains("10 channels, the model expects 64"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.requireCompatible(train.channels(), 256, "stream X"));
        assertTrue(e.getMessage().contains("256.0 Hz"), e.getMessage());
    }

    @Test
    void wrongVersionIsRefused() throws IOException {
        TrialSet train = S001.trials(List.of("S001R04.edf"));
        Path file = dir.resolve("m.json");
        MotorImageryModel.train(PipelineSpec.of("csp-lda"), train, S001.BAND, S001.WINDOW)
                .save(file);
        Files.writeString(file, Files.readString(file).replace("\"version\" : 1", "\"version\" : 99"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MotorImageryModel.load(file));
        assertTrue(e.getMessage().contains("model version 99 is not supported"), e.getMessage());
    }

    @Test
    void unknownLabelsWindowTooLongAndTooFewTrialsAreRefused() {
        List<String> files = List.of("S001R04.edf");
        var recs = S001.read(files);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> MotorImageryEpochs.extract(
                        recs, files, ClassLabels.parse("T1=left,T7=right"), S001.WINDOW, S001.BAND));
        assertTrue(e.getMessage().contains("annotation 'T7' occurs in none of"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> MotorImageryEpochs.extract(recs, files, S001.LABELS, new EpochWindow(0.5, 5.0), S001.BAND));
        assertTrue(e.getMessage().contains("is longer than the trial"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ClassLabels.parse("T1=left,T2=left"));
        assertTrue(e.getMessage().contains("need exactly 2 classes"), e.getMessage());
        TrialSet t = S001.trials(files);
        int[] twoOfClass0AndOneOfClass1 = {firstOf(t, 0, 0), firstOf(t, 0, 1), firstOf(t, 1, 0)};
        TrialSet few = t.subset(twoOfClass0AndOneOfClass1);
        e = assertThrows(
                IllegalArgumentException.class,
                () -> PipelineSpec.of("ts-lr").create(null).fit(few.epochs(), few.labels(), few.sessions()));
        assertTrue(e.getMessage().contains("need at least 2 samples of each class"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> PipelineSpec.of("csp-lda").create(null).fit(few.epochs(), few.labels(), few.sessions()));
        assertThrows(
                IllegalArgumentException.class,
                () -> PipelineSpec.of("mdm").create(null).fit(few.epochs(), few.labels(), few.sessions()));
    }

    private static int firstOf(TrialSet t, int label, int skip) {
        for (int i = 0; i < t.size(); i++) {
            if (t.labels()[i] == label && skip-- == 0) {
                return i;
            }
        }
        throw new AssertionError("no trial of class " + label);
    }
}
