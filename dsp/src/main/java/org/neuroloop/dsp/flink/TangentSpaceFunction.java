package org.neuroloop.dsp.flink;

import org.apache.flink.util.Collector;
import org.ejml.data.DMatrixRMaj;
import org.neuroloop.dsp.covariance.CenteredEpoch;
import org.neuroloop.dsp.covariance.CovarianceEstimator;
import org.neuroloop.dsp.record.ChunkFlags;
import org.neuroloop.dsp.record.FeatureVector;
import org.neuroloop.dsp.riemann.IncrementalRiemannMean;
import org.neuroloop.dsp.riemann.TangentSpace;

/**
 * Sliding-window covariance ({@link CovarianceEstimator}: scm, lwf or oas) and its tangent-space vector
 * ({@link TangentSpace}, pyRiemann's vectorisation, length {@code n(n+1)/2}); emits
 * {@code FeatureVector(kind = "tangent")}.
 *
 * <p>The reference point is either the identity or, with {@code runningReference}, the session's running
 * Riemannian mean ({@link IncrementalRiemannMean}) of the clean windows seen so far, kept in keyed state so it
 * survives a restart (unsupervised re-centering, Zanini et al. 2018). Windows with bad-data flags are projected
 * but never enter the running mean.
 */
public final class TangentSpaceFunction extends SlidingWindowFunction {
    private static final long serialVersionUID = 1L;

    private final CovarianceEstimator estimator;
    private final boolean runningReference;

    private transient CenteredEpoch epoch;
    private transient DMatrixRMaj cov;
    private transient IncrementalRiemannMean mean;

    public TangentSpaceFunction(
            double windowSeconds, double stepSeconds, CovarianceEstimator estimator, boolean runningReference) {
        super("covarianceWindow", windowSeconds, stepSeconds);
        this.estimator = estimator;
        this.runningReference = runningReference;
    }

    @Override
    protected void evaluate(
            String sessionId,
            double timestamp,
            double[] window,
            int channels,
            double rate,
            int flags,
            WindowState state,
            Collector<FeatureVector> out) {
        int n = window.length / channels;
        if (epoch == null) {
            epoch = new CenteredEpoch();
        }
        if (cov == null || cov.numRows != channels) {
            cov = new DMatrixRMaj(channels, channels);
            mean = new IncrementalRiemannMean(channels);
        }
        estimator.estimate(epoch.loadInterleaved(window, channels), cov);
        DMatrixRMaj reference;
        if (runningReference) {
            if (state.carriedCount > 0) {
                mean.restore(DMatrixRMaj.wrap(channels, channels, state.carried.clone()), state.carriedCount);
            }
            if (!ChunkFlags.isBad(flags)) {
                mean.update(cov);
                state.carried = mean.mean().getData().clone();
                state.carriedCount = mean.count();
            }
            reference = state.carriedCount > 0 ? mean.mean() : identity(channels);
        } else {
            reference = identity(channels);
        }
        double[] t = TangentSpace.at(reference).project(cov);
        out.collect(new FeatureVector(sessionId, "tangent", timestamp, t, flags));
    }

    private static DMatrixRMaj identity(int n) {
        DMatrixRMaj m = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            m.set(i, i, 1.0);
        }
        return m;
    }
}
