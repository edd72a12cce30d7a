package org.neuroloop.deploy.report;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Spherical-spline interpolation of values given at electrodes (Perrin et al. 1989, Electroencephalogr. Clin.
 * Neurophysiol. 72:184), as MNE's and EEGLAB's topographic maps: {@code v(x) = c₀ + Σᵢ wᵢ g(x·eᵢ)} with
 * {@code g(cos γ) = 1/(4π) Σₙ (2n+1) / (n(n+1))ᵐ Pₙ(cos γ)}, stiffness m = 4, and {@code (w, c₀)} solving
 * {@code [G 1; 1ᵀ 0] [w; c₀] = [v; 0]}. The sum runs over 50 Legendre terms: with MNE's 7, G has rank at most 63
 * (Σ 2n+1), singular for a 64-channel cap, which MNE side-steps with a pseudo-inverse.
 */
public final class SphericalSpline {
    private static final int STIFFNESS = 4;
    private static final int TERMS = 50;
    private final double[][] electrodes;
    private final double[] weights;
    private final double constant;

    /**
     * @param electrodes unit vectors, one per value (not modified)
     * @param values value at each electrode (not modified)
     */
    public SphericalSpline(double[][] electrodes, double[] values) {
        int n = electrodes.length;
        if (n < 3 || values.length != n) {
            throw new IllegalArgumentException("spherical spline: need 3 or more electrodes with one value each, got "
                    + n + " electrodes and " + values.length + " values");
        }
        DMatrixRMaj a = new DMatrixRMaj(n + 1, n + 1);
        DMatrixRMaj b = new DMatrixRMaj(n + 1, 1);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a.set(i, j, g(dot(electrodes[i], electrodes[j])));
            }
            a.set(i, n, 1);
            a.set(n, i, 1);
            b.set(i, 0, values[i]);
        }
        DMatrixRMaj x = new DMatrixRMaj(n + 1, 1);
        if (!CommonOps_DDRM.solve(a, b, x)) {
            throw new IllegalArgumentException("spherical spline: singular system (two electrodes at one position?)");
        }
        this.electrodes = electrodes.clone();
        this.weights = new double[n];
        for (int i = 0; i < n; i++) {
            weights[i] = x.get(i);
        }
        this.constant = x.get(n);
    }

    /** The interpolated value at unit vector {@code u}. */
    public double at(double[] u) {
        double v = constant;
        for (int i = 0; i < weights.length; i++) {
            v += weights[i] * g(dot(u, electrodes[i]));
        }
        return v;
    }

    /** Green's function of the spline on the sphere, through the Legendre recurrence. */
    static double g(double cos) {
        double pPrev = 1;
        double p = cos;
        double sum = 0;
        for (int n = 1; n <= TERMS; n++) {
            if (n > 1) {
                double next = ((2 * n - 1) * cos * p - (n - 1) * pPrev) / n;
                pPrev = p;
                p = next;
            }
            sum += (2 * n + 1) / Math.pow(n * (n + 1.0), STIFFNESS) * p;
        }
        return sum / (4 * Math.PI);
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }
}
