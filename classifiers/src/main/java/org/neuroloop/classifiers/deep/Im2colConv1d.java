package org.neuroloop.classifiers.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.LayoutType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A 1D convolution with the parameters, saved form and output of DJL's {@link Conv1d} (stride 1, no dilation, one
 * group) that, in training, computes as im2col and one matrix product instead of PyTorch's convolution.
 *
 * <p>Why: for float input of more than one trial and a kernel longer than one sample, PyTorch 2.7.1 on the CPU runs
 * convolutions through oneDNN, whose AVX2/AVX-512 backward-data pass (the input's gradient) is wrong on this project's
 * machines: it gets some terms of the sum and mixes in a scratch buffer it never initialises (errors as large as the
 * gradient itself; oneDNN's SSE4.1 code and the forward pass are right). Layers below the top convolution then learn
 * from wrong gradients, and when that buffer last held NaN bit patterns, as another thread's freed memory may, every
 * earlier layer turns NaN after one step ({@code RepeatedTrainingTest}, {@code Im2colConv1dTest}). Outside training no
 * gradient is taken, so the native convolution runs there, and so it does for a network's first layer, whose input
 * (the data) needs no gradient ({@link Builder#optInputGradient}): oneDNN's output and weight gradient are right, and
 * im2col of many input channels costs several times the native convolution.
 */
public final class Im2colConv1d extends Convolution {

    private static final LayoutType[] LAYOUT = {LayoutType.BATCH, LayoutType.CHANNEL, LayoutType.WIDTH};

    private final boolean inputGradient;

    private Im2colConv1d(Builder builder) {
        super(builder);
        inputGradient = builder.inputGradient;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected LayoutType[] getExpectedLayout() {
        return LAYOUT;
    }

    @Override
    protected String getStringLayout() {
        return "NCW";
    }

    @Override
    protected int numDimensions() {
        return 3;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (!training || !inputGradient) {
            return super.forwardInternal(store, inputs, training, params);
        }
        NDArray w = store.getValue(weight, x.getDevice(), training);
        NDArray b = includeBias ? store.getValue(bias, x.getDevice(), training) : null;
        return new NDList(convolve(x, w, b, padding.get(0)));
    }

    /**
     * {@code y[n, f, t] = b[f] + Σ_c Σ_k w[f, c, k] · x_padded[n, c, t + k]}: the kernel's taps are stacked into
     * {@code (N, C·K, T')} columns, multiplied by the weight as an {@code (F, C·K)} matrix.
     *
     * @param x {@code (N, C, T)}
     * @param w {@code (F, C, K)}
     * @param b {@code (F)} or null
     * @param pad zeros on either side of time
     */
    static NDArray convolve(NDArray x, NDArray w, NDArray b, long pad) {
        Shape xs = x.getShape();
        long taps = w.getShape().get(2);
        NDArray padded = pad > 0 ? x.pad(new Shape(pad, pad), 0) : x;
        long out = xs.get(2) + 2 * pad - taps + 1;
        NDList columns = new NDList((int) taps);
        for (long k = 0; k < taps; k++) {
            columns.add(padded.get(new NDIndex(":, :, {}:{}", k, k + out)));
        }
        NDArray cols = NDArrays.stack(columns, 2).reshape(xs.get(0), xs.get(1) * taps, out);
        long filters = w.getShape().get(0);
        NDArray y = w.reshape(filters, xs.get(1) * taps).matMul(cols);
        return b == null ? y : y.add(b.reshape(1, filters, 1));
    }

    /** Like {@link Conv1d.Builder}; stride, dilation and groups stay 1. */
    public static final class Builder extends ConvolutionBuilder<Builder> {

        private boolean inputGradient = true;

        Builder() {
            stride = new Shape(1);
            padding = new Shape(0);
            dilation = new Shape(1);
        }

        /** False for a layer whose input never needs a gradient (the network's input): native in training too. */
        public Builder optInputGradient(boolean needed) {
            inputGradient = needed;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Im2colConv1d build() {
            validate();
            if (stride.get(0) != 1 || dilation.get(0) != 1 || groups != 1) {
                throw new IllegalArgumentException("Im2colConv1d: stride, dilation and groups must be 1; got stride "
                        + stride + ", dilation " + dilation + ", groups " + groups);
            }
            return new Im2colConv1d(this);
        }
    }
}
