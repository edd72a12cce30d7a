package org.neuroloop.dsp.covariance;

import org.ejml.data.DMatrixRMaj;

/**
 * Sample covariance matrix (SCM) of one epoch, maximum-likelihood normalisation (pyRiemann {@code 'scm'},
 * {@code np.cov(X, bias=1)}):
 * <pre>  S = (1/n) Σ_t (x_t − x̄)(x_t − x̄)ᵀ,</pre>
 * x_t the channel vector at sample t, x̄ the per-channel mean, n the number of samples. Input: a channels ×
 * samples matrix or interleaved samples (see {@link CenteredEpoch}); output: channels × channels.
 */
public final class SampleCovariance {

    private SampleCovariance() {}

    /** SCM of the loaded epoch into {@code out} (reshaped to channels × channels); allocation-free. */
    public static DMatrixRMaj estimate(CenteredEpoch epoch, DMatrixRMaj out) {
        int p = epoch.channels();
        out.reshape(p, p);
        epoch.scatter(out.data);
        double inv = 1.0 / epoch.samples();
        for (int k = 0; k < p * p; k++) {
            out.data[k] *= inv;
        }
        return out;
    }
}
