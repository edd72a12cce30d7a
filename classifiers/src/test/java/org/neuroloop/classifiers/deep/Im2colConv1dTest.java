package org.neuroloop.classifiers.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/**
 * {@link Im2colConv1d}'s output and gradients are the convolution's sums (summed here in Java) for odd and even
 * kernels, with and without padding and bias; its parameters load into DJL's {@link Conv1d}, whose output it gives.
 */
class Im2colConv1dTest {

    private static final float TOLERANCE = 1e-4f;

    @Test
    void outputAndGradientsAreTheConvolutionsSums() {
        for (int taps : new int[] {1, 4, 5}) {
            for (int pad : new int[] {0, taps / 2}) {
                for (boolean withBias : new boolean[] {false, true}) {
                    checkAgainstSums(taps, pad, withBias);
                }
            }
        }
    }

    /**
     * {@code y[n,f,o] = b[f] + Σ_c Σ_k w[f,c,k] x[n,c,o+k-pad]} and, for {@code L = Σ y·r},
     * {@code ∂L/∂x[n,c,t] = Σ_f Σ_k w[f,c,k] r[n,f,t+pad-k]}, {@code ∂L/∂w[f,c,k] = Σ_n Σ_o r[n,f,o] x[n,c,o+k-pad]},
     * {@code ∂L/∂b[f] = Σ r[n,f,·]}, summed here in Java.
     */
    private static void checkAgainstSums(int taps, int pad, boolean withBias) {
        int n = 3;
        int c = 2;
        int t = 11;
        int f = 4;
        int out = t + 2 * pad - taps + 1;
        String label = "kernel " + taps + ", padding " + pad + ", bias " + withBias + ": ";
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(n, c, t));
            NDArray w = m.randomNormal(new Shape(f, c, taps));
            NDArray b = m.randomNormal(new Shape(f));
            NDArray r = m.randomNormal(new Shape(n, f, out));
            float[] xa = x.toFloatArray();
            float[] wa = w.toFloatArray();
            float[] ba = withBias ? b.toFloatArray() : new float[f];
            float[] ra = r.toFloatArray();
            float[] y = new float[n * f * out];
            float[] dx = new float[n * c * t];
            float[] dw = new float[f * c * taps];
            float[] db = new float[f];
            for (int in = 0; in < n; in++) {
                for (int jf = 0; jf < f; jf++) {
                    for (int o = 0; o < out; o++) {
                        int yo = (in * f + jf) * out + o;
                        y[yo] += ba[jf];
                        db[jf] += ra[yo];
                        for (int jc = 0; jc < c; jc++) {
                            for (int k = 0; k < taps; k++) {
                                int ti = o + k - pad;
                                if (ti >= 0 && ti < t) {
                                    int xi = (in * c + jc) * t + ti;
                                    int wi = (jf * c + jc) * taps + k;
                                    y[yo] += wa[wi] * xa[xi];
                                    dx[xi] += wa[wi] * ra[yo];
                                    dw[wi] += ra[yo] * xa[xi];
                                }
                            }
                        }
                    }
                }
            }
            x.setRequiresGradient(true);
            w.setRequiresGradient(true);
            b.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray yy = Im2colConv1d.convolve(x, w, withBias ? b : null, pad);
                assertArrayEquals(y, yy.toFloatArray(), TOLERANCE, label + "output");
                gc.backward(yy.mul(r).sum());
            }
            assertArrayEquals(dx, x.getGradient().toFloatArray(), TOLERANCE, label + "input gradient");
            assertArrayEquals(dw, w.getGradient().toFloatArray(), TOLERANCE, label + "weight gradient");
            if (withBias) {
                assertArrayEquals(db, b.getGradient().toFloatArray(), TOLERANCE, label + "bias gradient");
            }
        }
    }

    @Test
    void parametersLoadIntoDjlsConv1dAndGiveTheSameOutput() {
        Shape input = new Shape(2, 3, 20);
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock ours = new SequentialBlock()
                    .add(Im2colConv1d.builder()
                            .setKernelShape(new Shape(5))
                            .setFilters(4)
                            .optPadding(new Shape(2))
                            .build());
            ours.initialize(m, DataType.FLOAT32, input);
            SequentialBlock djl = new SequentialBlock()
                    .add(Conv1d.builder()
                            .setKernelShape(new Shape(5))
                            .setFilters(4)
                            .optPadding(new Shape(2))
                            .build());
            djl.initialize(m, DataType.FLOAT32, input);
            NetworkTrainer.load(djl, m, NetworkTrainer.save(ours));
            NDArray x = m.randomNormal(input);
            ParameterStore store = new ParameterStore(m, false);
            float[] expected =
                    djl.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
            assertArrayEquals(expected, forward(ours, store, x, false), "outside training: the native convolution");
            assertArrayEquals(expected, forward(ours, store, x, true), TOLERANCE, "in training: im2col");
            SequentialBlock first = new SequentialBlock()
                    .add(Im2colConv1d.builder()
                            .setKernelShape(new Shape(5))
                            .setFilters(4)
                            .optPadding(new Shape(2))
                            .optInputGradient(false)
                            .build());
            first.initialize(m, DataType.FLOAT32, input);
            NetworkTrainer.load(first, m, NetworkTrainer.save(ours));
            assertArrayEquals(expected, forward(first, store, x, true), "a first layer: native in training too");
        }
    }

    private static float[] forward(SequentialBlock net, ParameterStore store, NDArray x, boolean training) {
        return net.forward(store, new NDList(x), training).singletonOrThrow().toFloatArray();
    }

    @Test
    void refusesStridesDilationsAndGroups() {
        assertThrows(
                IllegalArgumentException.class,
                () -> Im2colConv1d.builder()
                        .setKernelShape(new Shape(3))
                        .setFilters(2)
                        .optStride(new Shape(2))
                        .build());
        assertThrows(
                IllegalArgumentException.class,
                () -> Im2colConv1d.builder()
                        .setKernelShape(new Shape(3))
                        .setFilters(2)
                        .optGroups(2)
                        .build());
    }
}
