package org.neuroloop.dsp.covariance;

import org.ejml.data.DMatrixRMaj;

/**
 * Oracle Approximating Shrinkage covariance, equal to scikit-learn 1.2's {@code oas(X)} (demeaned, divided by n;
 * the formula of Chen et al.'s implementation that scikit-learn uses):
 * <pre>
 *   S = SCM,  μ = tr(S)/p,  α = mean(S_ij²) = ‖S‖_F²/p²,
 *   ρ = min( (α + μ²) / ((n + 1)(α − μ²/p)), 1 )   (1 when the denominator is 0),
 *   Σ̂ = (1 − ρ) S + ρ μ I,
 * </pre>
 * p channels, n samples. One channel gives the sample variance.
 *
 * <p>Reference: Y. Chen, A. Wiesel, Y. C. Eldar, A. O. Hero, "Shrinkage algorithms for MMSE covariance
 * estimation", IEEE Trans. Signal Processing 58(10), 2010; scikit-learn {@code
 * sklearn/covariance/_shrunk_covariance.py}.
 */
public final class Oas {

    private Oas() {}

    /** OAS covariance of the loaded epoch into {@code out}; returns the shrinkage ρ. Allocation-free. */
    public static double estimate(CenteredEpoch epoch, DMatrixRMaj out) {
        SampleCovariance.estimate(epoch, out);
        return shrink(out, epoch.samples());
    }

    /**
     * Applies OAS shrinkage in place to a sample covariance {@code s} estimated from {@code n} samples; returns ρ.
     * Only the SCM is needed, so this also serves sliding-window estimates.
     */
    public static double shrink(DMatrixRMaj s, long n) {
        int p = s.numRows;
        if (p == 1) {
            return 0.0;
        }
        double[] d = s.data;
        double trace = 0;
        double frob2 = 0;
        for (int i = 0; i < p; i++) {
            trace += d[i * p + i];
        }
        for (int k = 0; k < p * p; k++) {
            frob2 += d[k] * d[k];
        }
        double mu = trace / p;
        double alpha = frob2 / ((double) p * p);
        double num = alpha + mu * mu;
        double den = (n + 1.0) * (alpha - mu * mu / p);
        double rho = den == 0 ? 1.0 : Math.min(num / den, 1.0);
        Shrinkage.apply(s, rho, mu);
        return rho;
    }
}
