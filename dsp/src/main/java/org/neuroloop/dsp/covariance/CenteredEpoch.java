package org.neuroloop.dsp.covariance;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * Reusable workspace holding one epoch with each channel's mean removed, channel-major
 * ({@code data[c * stride + t]}), which is what every covariance estimator here starts from. Each row is padded
 * with zeros to a multiple of {@value #ROW_ALIGN} samples, so the product kernels ({@link Scatter}) run whole SIMD
 * vectors to the end of the row: the zeros add nothing, and the scalar tail loops (a third of the product's time
 * for 500-sample rows) disappear.
 *
 * <p>Two input layouts are accepted:
 * <ul>
 *   <li>a channels × samples {@link DMatrixRMaj} (the layout of pyRiemann/MNE epochs), via {@link
 * #load(DMatrixRMaj)};</li>
 *   <li>an interleaved sample-major array as in {@code Chunk.samples()} ({@code x[t * channels + c]}),
 *       via {@link #loadInterleaved(double[], int, int, int)}.</li>
 * </ul>
 * Loading validates finiteness and a non-empty epoch, naming the offending channel and sample. The buffer
 * grows as needed and is then reused: no allocation for repeated epochs of the same size. Not thread-safe.
 */
public final class CenteredEpoch {

    private double[] data = new double[0];
    private double[] means = new double[0];
    private double[] perSample = new double[0];
    private int channels;
    private int samples;
    private int stride;

    /** Row padding, in samples: a whole number of SIMD vectors of doubles up to 512 bits. */
    static final int ROW_ALIGN = 8;

    /** Channel count of the loaded epoch. */
    public int channels() {
        return channels;
    }

    /** Sample count of the loaded epoch. */
    public int samples() {
        return samples;
    }

    /** Loads a channels × samples matrix and removes each channel's mean. */
    public CenteredEpoch load(DMatrixRMaj epoch) {
        int ch = epoch.numRows;
        int n = epoch.numCols;
        prepare(ch, n, "epoch matrix");
        // Row by row, so the sum and the subtraction read the copy from the first-level cache.
        for (int c = 0; c < ch; c++) {
            System.arraycopy(epoch.data, c * n, data, c * stride, n);
            subtractMean(c, Scatter.sum(data, c * stride, n));
        }
        return this;
    }

    /**
     * Loads {@code nSamples} interleaved samples {@code x[offset + t * channels + c]} and removes each channel's mean.
     */
    public CenteredEpoch loadInterleaved(double[] x, int offset, int nSamples, int channels) {
        prepare(channels, nSamples, "interleaved epoch");
        if (offset < 0 || x.length - offset < (long) nSamples * channels) {
            throw new IllegalArgumentException("interleaved epoch: " + nSamples + " samples x " + channels
                    + " channels from offset " + offset + " do not fit in an array of " + x.length + " values");
        }
        for (int t = 0; t < nSamples; t++) {
            int src = offset + t * channels;
            for (int c = 0; c < channels; c++) {
                data[c * stride + t] = x[src + c];
            }
        }
        center();
        return this;
    }

    /** Loads a whole interleaved array ({@code x.length} must be a multiple of {@code channels}). */
    public CenteredEpoch loadInterleaved(double[] x, int channels) {
        if (channels <= 0 || x.length % channels != 0) {
            throw new IllegalArgumentException("interleaved epoch of " + x.length + " values is not a whole number of "
                    + channels + "-channel samples");
        }
        return loadInterleaved(x, 0, x.length / channels, channels);
    }

    /**
     * Loads the delay embedding of a channels × samples epoch (Carrara &amp; Papadopoulo's augmented signal):
     * block k (k = 0 .. order−1) holds x(t − k·lag), for t = (order−1)·lag .. samples−1, so the result has
     * order·channels rows (row {@code k * channels + c}) and samples − (order−1)·lag columns; then centres it.
     */
    public CenteredEpoch loadDelayEmbedding(DMatrixRMaj epoch, int order, int lag) {
        if (order < 1 || lag < 1) {
            throw new IllegalArgumentException(
                    "delay embedding needs order >= 1 and lag >= 1, got order " + order + ", lag " + lag);
        }
        int ch = epoch.numRows;
        int n = epoch.numCols;
        int m = n - (order - 1) * lag;
        if (m < 1) {
            throw new IllegalArgumentException("delay embedding of order " + order + " and lag " + lag
                    + " needs more than " + (order - 1) * lag + " samples, the epoch has " + n);
        }
        prepare(order * ch, m, "epoch matrix for the delay embedding");
        double[] x = epoch.data;
        for (int k = 0; k < order; k++) {
            int shift = (order - 1 - k) * lag;
            for (int c = 0; c < ch; c++) {
                System.arraycopy(x, c * n + shift, data, (k * ch + c) * stride, m);
            }
        }
        center();
        return this;
    }

    private void prepare(int ch, int n, String what) {
        if (ch <= 0) {
            throw new IllegalArgumentException(what + ": channel count must be > 0, got " + ch);
        }
        if (n <= 0) {
            throw new IllegalArgumentException(
                    what + ": empty epoch (0 samples); a covariance needs at least one sample");
        }
        int rowLength = (n + ROW_ALIGN - 1) / ROW_ALIGN * ROW_ALIGN;
        int size = ch * rowLength;
        if (data.length < size) {
            data = new double[size];
        }
        for (int c = 0; c < ch; c++) {
            Arrays.fill(data, c * rowLength + n, (c + 1) * rowLength, 0.0);
        }
        if (means.length < ch) {
            means = new double[ch];
        }
        if (perSample.length < n) {
            perSample = new double[n];
        }
        channels = ch;
        samples = n;
        stride = rowLength;
    }

    private void center() {
        int n = samples;
        for (int c = 0; c < channels; c++) {
            subtractMean(c, Scatter.sum(data, c * stride, n));
        }
    }

    /** Checks channel {@code c}'s sum {@code s} and removes its mean s/n. */
    private void subtractMean(int c, double s) {
        int n = samples;
        int row = c * stride;
        if (!Double.isFinite(s)) {
            for (int t = 0; t < n; t++) {
                if (!Double.isFinite(data[row + t])) {
                    throw new IllegalArgumentException("epoch has a non-finite value " + data[row + t] + " at channel "
                            + c + ", sample " + t + "; expected finite samples");
                }
            }
            throw new IllegalArgumentException("epoch channel " + c + " sums to " + s + " (values too large)");
        }
        double mean = s / n;
        means[c] = mean;
        for (int t = 0; t < n; t++) {
            data[row + t] -= mean;
        }
    }

    /** Channel means removed by the last load (live array of length ≥ channels). */
    double[] means() {
        return means;
    }

    /**
     * Scatter matrix {@code out = X Xᵀ} of the centred data (channels × channels, row-major, full symmetric).
     * The upper triangle comes from the {@link Scatter} kernel over the zero-padded rows, then is mirrored.
     */
    void scatter(double[] out) {
        Scatter.upper(data, channels, stride, out);
        int p = channels;
        for (int i = 1; i < p; i++) {
            for (int j = 0; j < i; j++) {
                out[i * p + j] = out[j * p + i];
            }
        }
    }

    /** Σ_t (Σ_c x_ct²)², needed by the Ledoit-Wolf shrinkage. */
    double sumOfSquaredSampleNorms() {
        int n = samples;
        Arrays.fill(perSample, 0, n, 0.0);
        for (int c = 0; c < channels; c++) {
            int row = c * stride;
            for (int t = 0; t < n; t++) {
                double v = data[row + t];
                perSample[t] += v * v;
            }
        }
        double s = 0;
        for (int t = 0; t < n; t++) {
            s += perSample[t] * perSample[t];
        }
        return s;
    }
}
