package org.neuroloop.classifiers.mi;

import org.ejml.data.DMatrixRMaj;
import org.neuroloop.dsp.covariance.AugmentedCovariance;
import org.neuroloop.dsp.covariance.CovarianceEstimator;

/**
 * How an epoch becomes an SPD matrix: OAS covariance of the channels ({@code order = 1}), or OAS covariance of
 * the delay embedding {@code [x(t); x(t − lag); …; x(t − (order − 1)·lag)]} (augmented covariance,
 * Carrara &amp; Papadopoulo 2024) — an (order·channels)² matrix.
 *
 * @param order embedding order (1 = plain covariance)
 * @param lag delay between copies, samples
 */
public record CovarianceSpec(int order, int lag) {

    public static final CovarianceSpec OAS = new CovarianceSpec(1, 1);

    public CovarianceSpec {
        if (order < 1 || lag < 1) {
            throw new IllegalArgumentException(
                    "augmented covariance: need order >= 1 and lag >= 1, got order " + order + ", lag " + lag);
        }
    }

    /** SPD matrix of one epoch {@code [channel][time]}. */
    public DMatrixRMaj of(double[][] epoch) {
        DMatrixRMaj m = new DMatrixRMaj(epoch);
        if (order == 1) {
            return CovarianceEstimator.OAS.of(m);
        }
        if (epoch[0].length <= (order - 1) * lag + 1) {
            throw new IllegalArgumentException("augmented covariance: window of " + epoch[0].length
                    + " samples is too short for order " + order + " and lag " + lag);
        }
        return new AugmentedCovariance(order, lag, CovarianceEstimator.OAS).of(m);
    }

    public String describe() {
        return order == 1 ? "oas" : "augmented-oas(order=" + order + ",lag=" + lag + ")";
    }
}
