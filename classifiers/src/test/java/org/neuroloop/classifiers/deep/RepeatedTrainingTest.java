package org.neuroloop.classifiers.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.neuroloop.classifiers.deep.spindles.SpindleNet;
import org.neuroloop.classifiers.deep.spindles.SpindleNetConfig;

/**
 * A tiny spindle-network training gives the same parameters when the native memory it allocates last held NaN: between
 * its epochs, the training's thread fills native arrays of many sizes with NaN and frees them, so the next epoch's
 * allocations reuse that memory, as they reuse memory another thread freed in a shared JVM. Before
 * {@link Im2colConv1d}, PyTorch's oneDNN convolution backward pass read such memory uninitialised and the training
 * turned NaN in its second epoch, every time.
 */
class RepeatedTrainingTest {

    private static final SpindleNetConfig TINY = new SpindleNetConfig(50, 50, 2, 4, 3, 8, 1e-3f, 3, 42);
    private static final int REPEATS = 2;

    @Test
    void trainingIgnoresNanLeftInFreedNativeMemory() {
        NetworkTrainer.Data data = data();
        byte[] clean = train(data, TrainingProgress.SILENT);
        for (int i = 0; i < REPEATS; i++) {
            assertArrayEquals(
                    clean,
                    train(data, line -> freeNanFilledMemory()),
                    "training " + (i + 1) + " over NaN-filled freed memory gave other parameters");
        }
    }

    private static byte[] train(NetworkTrainer.Data data, TrainingProgress progress) {
        return NetworkTrainer.train(
                () -> SpindleNet.build(TINY),
                new NetworkTrainer.Recipe(TINY.batch(), 0, false, TINY.seed()),
                null,
                data,
                TINY.epochs(),
                TINY.learningRate(),
                progress);
    }

    /** Native arrays of 64 B to 16 kB, filled with NaN and freed together. */
    private static void freeNanFilledMemory() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (int floats = 16; floats <= 4096; floats += 16) {
                m.full(new Shape(floats), Float.NaN);
            }
        }
    }

    private static NetworkTrainer.Data data() {
        int n = 32;
        int per = TINY.channels() * TINY.windowSamples();
        float[] x = new float[n * per];
        Random r = new Random(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
        }
        return new NetworkTrainer.Data(x, TINY.channels(), TINY.windowSamples(), labels, new int[n]);
    }
}
