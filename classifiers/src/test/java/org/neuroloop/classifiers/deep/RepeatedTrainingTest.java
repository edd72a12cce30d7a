package org.neuroloop.classifiers.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.neuroloop.classifiers.deep.spindles.SpindleNet;
import org.neuroloop.classifiers.deep.spindles.SpindleNetConfig;

/**
 * Tiny trainings repeated many times in one JVM should give the same parameters every time and never diverge, while
 * another thread loads a network and runs its forward passes, or churns (and collects) direct buffers filled with NaN
 * bytes. Both reproduce the rare NaN of tiny test trainings within a few repeats on this machine (the first seeded the
 * training's initialisation differently too, until {@link LoadedNetwork} stopped drawing from the engine's global
 * random generator). They are disabled until the cause is fixed; run them by hand:
 * {@code mvn -pl classifiers -am test -Dtest=RepeatedTrainingTest
 * -Djunit.jupiter.conditions.deactivate=org.junit.*DisabledCondition}.
 */
class RepeatedTrainingTest {

    private static final SpindleNetConfig TINY = new SpindleNetConfig(50, 50, 2, 4, 3, 8, 1e-3f, 3, 42);
    private static final int REPEATS = 40;

    @Disabled("reproduces a use of freed native memory during training inside DJL/PyTorch; cause not found yet")
    @Test
    void trainingsRepeatExactlyWhileAnotherThreadLoadsAndRunsTheNetwork() throws Exception {
        repeat(false, true);
    }

    /**
     * Reproduces the rare NaN of tiny test trainings: while another thread recycles freed direct memory (filled with
     * NaN bytes), a training's first convolution weights and first batch-norm scale/shift turn non-finite after an
     * optimiser step (its inputs, labels and parameters after initialisation are finite, checked while finding it;
     * copying the inputs into memory PyTorch owns does not help). So some tensor of the step reads direct memory
     * that Java has already freed, inside DJL's PyTorch path; which one is not found yet. Run it by hand.
     */
    @Disabled("reproduces a use of freed native memory during training inside DJL/PyTorch; cause not found yet")
    @Test
    void trainingsSurviveDirectBufferChurn() throws Exception {
        repeat(true, false);
    }

    private static void repeat(boolean withChurn, boolean withInference) throws Exception {
        NetworkTrainer.Data data = data();
        byte[] first = train(data);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread churn = new Thread(
                () -> {
                    if (withChurn) {
                        churn(stop, failed);
                    }
                },
                "direct-buffer-churn");
        Thread infer = new Thread(
                () -> {
                    if (withInference) {
                        infer(first, data, stop, failed);
                    }
                },
                "concurrent-inference");
        churn.start();
        infer.start();
        try {
            for (int i = 0; i < REPEATS; i++) {
                assertArrayEquals(first, train(data), "training " + (i + 2) + " gave other parameters");
            }
        } finally {
            stop.set(true);
            churn.join();
            infer.join();
        }
        assertNull(failed.get(), () -> "helper thread: " + failed.get());
    }

    private static byte[] train(NetworkTrainer.Data data) {
        return NetworkTrainer.train(
                () -> SpindleNet.build(TINY),
                new NetworkTrainer.Recipe(TINY.batch(), 0, false, TINY.seed()),
                null,
                data,
                TINY.epochs(),
                TINY.learningRate(),
                TrainingProgress.SILENT);
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

    /** Direct buffers of the trainings' sizes, filled with NaN bytes and dropped; a collection now and then. */
    private static void churn(AtomicBoolean stop, AtomicReference<Throwable> failed) {
        try {
            int k = 0;
            while (!stop.get()) {
                ByteBuffer b = ByteBuffer.allocateDirect(Float.BYTES * (8 + k % 64) * 100);
                while (b.hasRemaining()) {
                    b.put((byte) 0xFF);
                }
                if (++k % 200 == 0) {
                    System.gc();
                }
            }
        } catch (Throwable t) {
            failed.compareAndSet(null, t);
        }
    }

    private static void infer(
            byte[] params, NetworkTrainer.Data data, AtomicBoolean stop, AtomicReference<Throwable> failed) {
        int per = data.channels() * data.samples();
        double[] out = new double[4];
        try (LoadedNetwork net = new LoadedNetwork(SpindleNet.build(TINY), params, data.channels(), data.samples())) {
            double[] expected = new double[4];
            net.predictProba1(data.x(), 4, expected);
            while (!stop.get()) {
                net.predictProba1(Arrays.copyOf(data.x(), 4 * per), 4, out);
                if (!Arrays.equals(expected, out)) {
                    throw new AssertionError("inference changed: " + Arrays.toString(out));
                }
            }
        } catch (Throwable t) {
            failed.compareAndSet(null, t);
        }
    }
}
