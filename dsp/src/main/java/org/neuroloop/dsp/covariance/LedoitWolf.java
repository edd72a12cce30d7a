package org.neuroloop.dsp.covariance;

import org.ejml.data.DMatrixRMaj;

/**
 * Ledoit-Wolf shrunk covariance, equal to scikit-learn's {@code ledoit_wolf(X)} (demeaned, divided by n):
 * <pre>
 *   S = SCM,  μ = tr(S)/p,  δ = (‖S‖_F² − p μ²)/p,
 *   β = min( δ, ( Σ_t ‖x_t‖⁴ / n − ‖S‖_F² ) / (p n) ),
 *   ρ = β/δ (0 when β = 0),   Σ̂ = (1 − ρ) S + ρ μ I,
 * </pre>
 * x_t the centred channel vector at sample t, p channels, n samples. One channel gives ρ = 0.
 *
 * <p>Reference: O. Ledoit, M. Wolf, "A well-conditioned estimator for large-dimensional covariance matrices",
 * J. Multivariate Analysis 88(2), 2004; scikit-learn {@code sklearn/covariance/_shrunk_covariance.py}.
 */
public final class LedoitWolf {

    private LedoitWolf() {}

    /** Ledoit-Wolf covariance of the loaded epoch into {@code out}; returns the shrinkage ρ. Allocation-free. */
    public static double estimate(CenteredEpoch epoch, DMatrixRMaj out) {
        SampleCovariance.estimate(epoch, out);
        int p = epoch.channels();
        int n = epoch.samples();
        if (p == 1) {
            return 0.0;
        }
        double[] s = out.data;
        double trace = 0;
        double frob2 = 0;
        for (int i = 0; i < p; i++) {
            trace += s[i * p + i];
        }
        for (int k = 0; k < p * p; k++) {
            frob2 += s[k] * s[k];
        }
        double mu = trace / p;
        double beta = (epoch.sumOfSquaredSampleNorms() / n - frob2) / ((double) p * n);
        double delta = (frob2 - p * mu * mu) / p;
        beta = Math.min(beta, delta);
        double rho = beta == 0 ? 0.0 : beta / delta;
        Shrinkage.apply(out, rho, mu);
        return rho;
    }
}
