package org.neuroloop.dsp.covariance;

import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * Covariance of the delay embedding of an epoch (the augmented covariance of Carrara &amp; Papadopoulo's
 * motor-imagery method): the channel vector is stacked with its delayed copies
 * <pre>  x̃(t) = [ x(t); x(t − lag); …; x(t − (order−1)·lag) ],   t = (order−1)·lag … n−1,</pre>
 * and a covariance estimator is applied to x̃, giving an (order·channels) × (order·channels) SPD matrix whose
 * off-diagonal blocks are lagged cross-covariances. Input: a channels × samples epoch with more than
 * (order−1)·lag samples.
 *
 * <p>moabb's {@code AugmentedDataset} stacks the same blocks oldest-first and drops one more lag of samples;
 * the block order is a permutation congruence, which changes no Riemannian distance, mean or MDM decision.
 *
 * <p>Reference: I. Carrara, T. Papadopoulo, "Classification of BCI-EEG based on the augmented covariance matrix",
 * IEEE TBME 71(9), 2024 (arXiv:2302.04508).
 */
public final class AugmentedCovariance {

    private final int order;
    private final int lag;
    private final CovarianceEstimator estimator;

    /**
     * @param order embedding order (number of stacked copies, ≥ 1; 1 is the plain covariance)
     * @param lag delay between copies in samples (≥ 1)
     * @param estimator covariance estimator applied to the embedded signal
     */
    public AugmentedCovariance(int order, int lag, CovarianceEstimator estimator) {
        if (order < 1 || lag < 1) {
            throw new IllegalArgumentException(
                    "augmented covariance needs order >= 1 and lag >= 1, got order " + order + ", lag " + lag);
        }
        this.order = order;
        this.lag = lag;
        this.estimator = Objects.requireNonNull(estimator, "estimator");
    }

    public int order() {
        return order;
    }

    public int lag() {
        return lag;
    }

    public CovarianceEstimator estimator() {
        return estimator;
    }

    /** Augmented covariance of a channels × samples epoch: (order·channels)² (allocates). */
    public DMatrixRMaj of(DMatrixRMaj epoch) {
        int p = order * epoch.numRows;
        return estimate(epoch, new CenteredEpoch(), new DMatrixRMaj(p, p));
    }

    /** Augmented covariance into {@code out} using the reusable workspace {@code ws}. */
    public DMatrixRMaj estimate(DMatrixRMaj epoch, CenteredEpoch ws, DMatrixRMaj out) {
        ws.loadDelayEmbedding(epoch, order, lag);
        return estimator.estimate(ws, out);
    }
}
