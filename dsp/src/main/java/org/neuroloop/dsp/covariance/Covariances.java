package org.neuroloop.dsp.covariance;

import java.util.List;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;

/**
 * Covariance matrices of many epochs at once (pyRiemann {@code Covariances.transform}): one estimator applied to
 * every channels × samples epoch. Runs in fixed blocks on the common fork-join pool, one {@link CenteredEpoch}
 * workspace per block; each result depends only on its own epoch, so the output is deterministic.
 */
public final class Covariances {

    private static final int BLOCK = 64;

    private Covariances() {}

    /**
     * Which product kernel this JVM runs: {@code "simd"} when started with {@code --add-modules
     * jdk.incubator.vector}, else {@code "scalar"} (see {@link Scatter}); for reports that compare speeds.
     */
    public static String productKernel() {
        return Scatter.kernel() instanceof ScalarScatter ? "scalar" : "simd";
    }

    /** One covariance per channels × samples epoch. */
    public static DMatrixRMaj[] of(List<DMatrixRMaj> epochs, CovarianceEstimator estimator) {
        DMatrixRMaj[] out = new DMatrixRMaj[epochs.size()];
        forBlocks(epochs.size(), (from, to) -> {
            CenteredEpoch ws = new CenteredEpoch();
            for (int i = from; i < to; i++) {
                DMatrixRMaj e = epochs.get(i);
                DMatrixRMaj c = new DMatrixRMaj(e.numRows, e.numRows);
                try {
                    estimator.estimate(ws.load(e), c);
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("epoch " + i + ": " + ex.getMessage(), ex);
                }
                out[i] = c;
            }
        });
        return out;
    }

    /** One covariance per epoch given as interleaved samples {@code x[t * channels + c]} (the {@code Chunk} layout). */
    public static DMatrixRMaj[] ofInterleaved(List<double[]> epochs, int channels, CovarianceEstimator estimator) {
        DMatrixRMaj[] out = new DMatrixRMaj[epochs.size()];
        forBlocks(epochs.size(), (from, to) -> {
            CenteredEpoch ws = new CenteredEpoch();
            for (int i = from; i < to; i++) {
                DMatrixRMaj c = new DMatrixRMaj(channels, channels);
                try {
                    estimator.estimate(ws.loadInterleaved(epochs.get(i), channels), c);
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("epoch " + i + ": " + ex.getMessage(), ex);
                }
                out[i] = c;
            }
        });
        return out;
    }

    private interface Range {
        void run(int from, int to);
    }

    private static void forBlocks(int count, Range body) {
        int blocks = (count + BLOCK - 1) / BLOCK;
        IntStream.range(0, blocks).parallel().forEach(b -> body.run(b * BLOCK, Math.min(count, (b + 1) * BLOCK)));
    }
}
