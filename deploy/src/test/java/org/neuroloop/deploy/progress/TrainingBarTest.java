package org.neuroloop.deploy.progress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.neuroloop.classifiers.deep.NetworkTrainer;
import org.neuroloop.classifiers.deep.spindles.SpindleNet;
import org.neuroloop.classifiers.deep.spindles.SpindleNetConfig;

/**
 * Network training through {@link TrainingBar} when stderr is not a terminal (as under the test runner): a tiny
 * spindle network really trains three epochs (DJL, PyTorch), the trainer counts them into the bar, and stderr gets
 * plain lines with the epochs done, the rate and the latest loss line; nothing on stdout.
 */
class TrainingBarTest {

    @Test
    void trainingEpochsDriveThePlainProgressLines() {
        SpindleNetConfig cfg = new SpindleNetConfig(50, 50, 2, 4, 3, 8, 1e-3f, 3, 42);
        int n = 32;
        int per = cfg.channels() * cfg.windowSamples();
        float[] x = new float[n * per];
        Random r = new Random(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
        }
        NetworkTrainer.Data data = new NetworkTrainer.Data(x, cfg.channels(), cfg.windowSamples(), labels, new int[n]);
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            try (TrainingBar bar = new TrainingBar("train tiny", cfg.epochs())) {
                NetworkTrainer.train(
                        () -> SpindleNet.build(cfg),
                        new NetworkTrainer.Recipe(cfg.batch(), 0, false, cfg.seed()),
                        null,
                        data,
                        cfg.epochs(),
                        cfg.learningRate(),
                        bar);
            }
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(out.size() == 0, "stdout: " + out);
        assertTrue(e.contains("train tiny") && e.contains("3/3 epochs") && e.contains("epochs/s"), "stderr: " + e);
        assertTrue(e.contains("epoch 3/3") && e.contains("loss"), "the latest epoch line after the bar: " + e);
        assertFalse(e.contains("\r") || e.contains("\u001b["), e);
    }
}
