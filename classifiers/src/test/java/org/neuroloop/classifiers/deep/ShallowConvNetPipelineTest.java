package org.neuroloop.classifiers.deep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroloop.classifiers.mi.Band;
import org.neuroloop.classifiers.mi.ClassLabels;
import org.neuroloop.classifiers.mi.EpochWindow;
import org.neuroloop.classifiers.mi.MotorImageryModel;
import org.neuroloop.classifiers.mi.PipelineSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    void motorImageryModelFileKeepsWeightsInTheSidecar(@TempDir Path dir) throws Exception {
        List<String> channels = new ArrayList<>();
        for (int c = 0; c < C; c++) {
            channels.add("Ch" + c);
        }
        MotorImageryModel model = new MotorImageryModel(PipelineSpec.of(ShallowConvNetPipeline.NAME), fitted, channels, 160.0,
                new Band(8, 30), new EpochWindow(0, 1), ClassLabels.parse("T1=left,T2=right"), List.of("synthetic"), 40);
        Path json = dir.resolve("mi-model.json");
        ShallowConvNetModelFile.save(model, json);
        JsonNode params = new ObjectMapper().readTree(json.toFile()).path("parameters");
        assertEquals("mi-model.params", params.path("parameter_file").asText());
        assertTrue(params.path("djl_parameters").isMissingNode(), "weights must not be inline when a sidecar is written");
        MotorImageryModel loaded = ShallowConvNetModelFile.loadModel(json);
        assertEquals(ShallowConvNetPipeline.NAME, loaded.spec().name());
        double[][] before = fitted.predictProba(xtest, null);
        double[][] after = loaded.pipeline().predictProba(xtest, null);
        for (int i = 0; i < before.length; i++) {
            assertArrayEquals(before[i], after[i], 0.0);
        }
        Files.delete(dir.resolve("mi-model.params"));
        Exception e = assertThrows(java.io.IOException.class, () -> ShallowConvNetModelFile.loadModel(json));
        assertTrue(e.getMessage().contains("parameter_file"), e.getMessage());
    }

    @Test
    void refusesEpochsOfAnotherShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fitted.predictProba(new double[2][C + 1][T], null));
        assertTrue(e.getMessage().contains("channels"), e.getMessage());
    }
}
