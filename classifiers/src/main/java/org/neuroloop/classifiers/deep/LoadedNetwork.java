package org.neuroloop.classifiers.deep;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * A loaded two-logit network for repeated prediction: the network is built and its parameters loaded once, in
 * a manager this object owns, so a streaming operator pays only the forward pass per decision (each call's arrays
 * live in a sub-manager closed before returning). The input goes through one direct buffer kept between calls,
 * which the engine reads in place, so a call allocates no input copy on either side; what a call still allocates
 * on the heap is DJL's bookkeeping of the forward pass (a handle per intermediate array, about 1–2.5 kB per layer,
 * bounded by {@code DeepOperatorAllocationTest}). Not thread-safe; close it to free the native memory.
 */
public final class LoadedNetwork implements AutoCloseable {

    private final NDManager manager;
    private final SequentialBlock net;
    private final ParameterStore store;
    private final int channels;
    private final int samples;
    private ByteBuffer inputBytes;
    private FloatBuffer inputFloats;
    private Shape inputShape;

    /** Builds {@code net}, input {@code (N, channels, samples)}, and loads {@code parameters} into it. */
    public LoadedNetwork(SequentialBlock net, byte[] parameters, int channels, int samples) {
        this.channels = channels;
        this.samples = samples;
        manager = Engine.getEngine("PyTorch").newBaseManager();
        try {
            this.net = net;
            // every parameter is overwritten by the load: initialise with zeros, so loading never draws from the
            // engine's global random generator, which a training elsewhere in the JVM has just seeded
            for (Parameter.Type type : Parameter.Type.values()) {
                net.setInitializer(Initializer.ZEROS, type);
            }
            net.initialize(manager, DataType.FLOAT32, new Shape(1, channels, samples));
            NetworkTrainer.load(net, manager, parameters);
            store = new ParameterStore(manager, false);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** {@code P(class 1)} of {@code n} inputs {@code [trial][channel][time]} flattened in {@code x}. */
    public void predictProba1(float[] x, int n, double[] out) {
        int size = n * channels * samples;
        if (x.length < (long) size) {
            throw new IllegalArgumentException(
                    "network: " + x.length + " input values for " + n + " × " + channels + " × " + samples);
        }
        if (inputBytes == null || inputBytes.capacity() < Float.BYTES * size) {
            inputBytes = ByteBuffer.allocateDirect(Float.BYTES * size).order(ByteOrder.nativeOrder());
            inputFloats = inputBytes.asFloatBuffer();
        }
        if (inputShape == null || inputShape.get(0) != n) {
            inputShape = new Shape(n, channels, samples);
        }
        inputFloats.clear();
        inputFloats.put(x, 0, size);
        inputBytes.clear();
        try (NDManager m = manager.newSubManager()) {
            // the engine wraps the buffer without copying it; the array is closed before the buffer is refilled
            NDArray xa = m.create(inputBytes, inputShape, DataType.FLOAT32);
            NDArray logits = net.forward(store, new NDList(xa), false).singletonOrThrow();
            float[] l = logits.toFloatArray();
            for (int i = 0; i < n; i++) {
                out[i] = probability1(l[2 * i], l[2 * i + 1]);
            }
        }
    }

    /** Softmax of two logits, class 1. */
    static double probability1(double a, double b) {
        double mx = Math.max(a, b);
        double ea = Math.exp(a - mx);
        double eb = Math.exp(b - mx);
        return eb / (ea + eb);
    }

    @Override
    public void close() {
        manager.close();
    }
}
