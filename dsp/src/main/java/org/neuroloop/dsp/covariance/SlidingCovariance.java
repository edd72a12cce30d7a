package org.neuroloop.dsp.covariance;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * Sample covariance (demeaned, divided by n, as {@link SampleCovariance}) of the last {@code window} samples of a
 * multichannel stream, updated sample by sample.
 *
 * <p>Keeps running sums of the shifted samples y = x − K, {@code s1 = Σ y} and {@code s2 = Σ y yᵀ} (upper
 * triangle), adding the newest sample and removing the one that leaves the window: O(p²) per sample, no
 * allocation. Then {@code S = (s2 − s1 s1ᵀ / n) / n}. The shift K (the first sample, then the window mean at the
 * last rebuild) keeps the sums small; to stop rounding errors from accumulating, the sums are rebuilt from the
 * ring buffer once every {@code window} samples (amortised O(p²) per sample). The result therefore equals the
 * batch estimate of the current window to rounding error. Not thread-safe.
 */
public final class SlidingCovariance {

    private final int channels;
    private final int window;
    private final double[] ring;
    private final double[] shift;
    private final double[] s1;
    private final double[] s2;
    private final double[] y;
    private int head;
    private int size;
    private int updatesSinceRebuild;

    /**
     * @param channels channel count p (≥ 1)
     * @param window number of samples in the window (≥ 1)
     */
    public SlidingCovariance(int channels, int window) {
        if (channels < 1 || window < 1) {
            throw new IllegalArgumentException("sliding covariance needs channels >= 1 and window >= 1, got channels "
                    + channels + ", window " + window);
        }
        this.channels = channels;
        this.window = window;
        this.ring = new double[window * channels];
        this.shift = new double[channels];
        this.s1 = new double[channels];
        this.s2 = new double[channels * channels];
        this.y = new double[channels];
    }

    public int channels() {
        return channels;
    }

    public int window() {
        return window;
    }

    /** Samples currently in the window (≤ window). */
    public int size() {
        return size;
    }

    /** True once {@code window} samples have been added. */
    public boolean isFull() {
        return size == window;
    }

    /** Empties the window. */
    public void reset() {
        size = 0;
        head = 0;
        updatesSinceRebuild = 0;
        Arrays.fill(s1, 0.0);
        Arrays.fill(s2, 0.0);
        Arrays.fill(shift, 0.0);
    }

    /**
     * Adds {@code nSamples} interleaved samples {@code x[offset + t * channels + c]} (the {@code Chunk} layout);
     * once the window is full each new sample pushes out the oldest.
     *
     * @throws IllegalArgumentException on a non-finite value (nothing after it is added)
     */
    public void add(double[] x, int offset, int nSamples) {
        if (offset < 0 || nSamples < 0 || x.length - offset < (long) nSamples * channels) {
            throw new IllegalArgumentException("sliding covariance: " + nSamples + " samples x " + channels
                    + " channels from offset " + offset + " do not fit in an array of " + x.length + " values");
        }
        for (int t = 0; t < nSamples; t++) {
            addSample(x, offset + t * channels);
        }
    }

    /** Adds one sample {@code x[offset .. offset + channels)}. */
    public void addSample(double[] x, int offset) {
        for (int c = 0; c < channels; c++) {
            if (!Double.isFinite(x[offset + c])) {
                throw new IllegalArgumentException("sliding covariance: non-finite value " + x[offset + c]
                        + " at channel " + c + "; expected finite samples");
            }
        }
        int p = channels;
        int slot = head * p;
        if (size == 0) {
            // Until the first rebuild, centre the sums on the first sample: DC offsets then cannot cancel digits.
            System.arraycopy(x, offset, shift, 0, p);
        }
        if (size == window) {
            // The oldest sample sits in the slot about to be overwritten: remove its contribution.
            accumulate(ring, slot, -1.0);
        } else {
            size++;
        }
        System.arraycopy(x, offset, ring, slot, p);
        accumulate(ring, slot, 1.0);
        head = (head + 1) % window;
        if (++updatesSinceRebuild >= window) {
            rebuild();
        }
    }

    private void accumulate(double[] src, int off, double sign) {
        int p = channels;
        for (int c = 0; c < p; c++) {
            y[c] = src[off + c] - shift[c];
        }
        for (int i = 0; i < p; i++) {
            double yi = sign * y[i];
            s1[i] += yi;
            int row = i * p;
            for (int j = i; j < p; j++) {
                s2[row + j] += yi * y[j];
            }
        }
    }

    /** Recomputes the sums from the ring buffer, re-centred on the current window mean. */
    private void rebuild() {
        int p = channels;
        Arrays.fill(shift, 0.0);
        for (int t = 0; t < size; t++) {
            for (int c = 0; c < p; c++) {
                shift[c] += ring[t * p + c];
            }
        }
        for (int c = 0; c < p; c++) {
            shift[c] /= size;
        }
        Arrays.fill(s1, 0.0);
        Arrays.fill(s2, 0.0);
        for (int t = 0; t < size; t++) {
            accumulate(ring, t * p, 1.0);
        }
        updatesSinceRebuild = 0;
    }

    /**
     * Sample covariance of the current window into {@code out} (reshaped to p×p); allocation-free.
     *
     * @throws IllegalStateException if the window is empty
     */
    public DMatrixRMaj covariance(DMatrixRMaj out) {
        if (size == 0) {
            throw new IllegalStateException("sliding covariance of an empty window: add samples first");
        }
        int p = channels;
        out.reshape(p, p);
        double inv = 1.0 / size;
        double[] o = out.data;
        for (int i = 0; i < p; i++) {
            double mi = s1[i] * inv;
            for (int j = i; j < p; j++) {
                double v = (s2[i * p + j] - mi * s1[j]) * inv;
                o[i * p + j] = v;
                o[j * p + i] = v;
            }
        }
        return out;
    }

    /** {@link #covariance(DMatrixRMaj)} into a new matrix. */
    public DMatrixRMaj covariance() {
        return covariance(new DMatrixRMaj(channels, channels));
    }

    /**
     * The samples now in the window, oldest first, interleaved ({@code size() * channels} values): with
     * {@link #restore} this is the whole state, e.g. for Flink keyed state and checkpoints.
     */
    public double[] windowSamples() {
        int p = channels;
        double[] out = new double[size * p];
        int oldest = size == window ? head : 0;
        for (int t = 0; t < size; t++) {
            System.arraycopy(ring, ((oldest + t) % window) * p, out, t * p, p);
        }
        return out;
    }

    /**
     * A sliding covariance holding {@code samples} (interleaved, oldest first, as from {@link #windowSamples});
     * if there are more than {@code window} samples only the newest are kept.
     */
    public static SlidingCovariance restore(int channels, int window, double[] samples) {
        SlidingCovariance s = new SlidingCovariance(channels, window);
        if (samples.length % channels != 0) {
            throw new IllegalArgumentException("restored sliding-covariance window of " + samples.length
                    + " values is not a whole number of " + channels + "-channel samples");
        }
        s.add(samples, 0, samples.length / channels);
        return s;
    }

    /** OAS-shrunk covariance of the current window ({@link Oas#shrink}); returns {@code out}. */
    public DMatrixRMaj oas(DMatrixRMaj out) {
        covariance(out);
        Oas.shrink(out, size);
        return out;
    }
}
