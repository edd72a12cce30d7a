package org.neuroloop.classifiers.deep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ShallowConvNet on synthetic motor-imagery-like epochs: 8 channels × 160 samples of white noise, plus a 10 Hz
 * rhythm whose power sits on channel 2 for class 0 and on channel 5 for class 1 (a spatial power difference, what
 * the square → pool → log stage is built to see).
 */
class ShallowConvNetPipelineTest {

    private static final int C = 8;
    private static final int T = 160;
    private static final ShallowConvNetConfig SMALL = new ShallowConvNetConfig(4, 9, 32, 8, 0.25f, 25, 10, 5e-3f, 7);

    static double[][][] epochs(int n, long seed, int[] labels) {
        Random r = new Random(seed);
        double[][][] x = new double[n][C][T];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            int ch = labels[i] == 0 ? 2 : 5;
            double phase = r.nextDouble() * 2 * Math.PI;
            for (int c = 0; c < C; c++) {
                for (int t = 0; t < T; t++) {
                    x[i][c][t] = 10 * r.nextGaussian() + (c == ch ? 20 * Math.sin(2 * Math.PI * 10 * t / 160.0 + phase) : 0);
                }
            }
        }
        return x;
    }

    static int[] ytrain = new int[40];
    static int[] ytest = new int[40];
    static double[][][] xtrain;
    static double[][][] xtest;
    static ShallowConvNetPipeline fitted;

    @BeforeAll
    static void fit() {
        xtrain = epochs(40, 1, ytrain);
        xtest = epochs(40, 2, ytest);
        fitted = new ShallowConvNetPipeline(SMALL).fit(xtrain, ytrain, null);
    }

    @Test
    void separatesSyntheticClassesOnHeldOutTrials() {
        int[] pred = fitted.predict(xtest, null);
        int correct = 0;
        for (int i = 0; i < pred.length; i++) {
            correct += pred[i] == ytest[i] ? 1 : 0;
        }
        assertTrue(correct >= 36, "held-out accuracy " + correct + "/40");
        double[][] p = fitted.predictProba(xtest, null);
        for (double[] row : p) {
            assertEquals(1.0, row[0] + row[1], 1e-9);
        }
    }

    @Test
    void sameSeedSameDataGivesTheSamePredictions() {
        ShallowConvNetPipeline again = new ShallowConvNetPipeline(SMALL).fit(xtrain, ytrain, null);
        double[][] a = fitted.predictProba(xtest, null);
        double[][] b = again.predictProba(xtest, null);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0.0, "trial " + i);
        }
    }

    @Test
    void jsonAndSidecarParameterFileRoundTrip(@TempDir Path dir) throws Exception {
        double[][] before = fitted.predictProba(xtest, null);
        double[][] featuresBefore = fitted.transform(xtest, null);

        ShallowConvNetPipeline inline = ShallowConvNetPipeline.fromJson(fitted.parametersJson());
        double[][] after = inline.predictProba(xtest, null);
        for (int i = 0; i < before.length; i++) {
            assertArrayEquals(before[i], after[i], 0.0);
        }
        assertArrayEquals(featuresBefore[3], inline.transform(xtest, null)[3], 0.0);

        Path json = dir.resolve("convnet.json");
        ShallowConvNetModelFile.save(fitted, json);
        assertTrue(Files.size(dir.resolve("convnet.params")) > 0);
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals("convnet.params", root.path("parameter_file").asText());
        ShallowConvNetPipeline loaded = ShallowConvNetModelFile.load(json);
        double[][] fromFile = loaded.predictProba(xtest, null);
        for (int i = 0; i < before.length; i++) {
            assertArrayEquals(before[i], fromFile[i], 0.0);
        }
    }

    @Test
    void refusesEpochsOfAnotherShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fitted.predictProba(new double[2][C + 1][T], null));
        assertTrue(e.getMessage().contains("channels"), e.getMessage());
    }
}
