package org.neuroloop.dsp.covariance;

import org.ejml.data.DMatrixRMaj;

/** Convex shrinkage towards a scaled identity, {@code S ← (1 − ρ) S + ρ μ I}, shared by Ledoit-Wolf and OAS. */
final class Shrinkage {
    private Shrinkage() {}

    static void apply(DMatrixRMaj s, double rho, double mu) {
        int p = s.numRows;
        double[] d = s.data;
        double keep = 1.0 - rho;
        for (int k = 0; k < p * p; k++) {
            d[k] *= keep;
        }
        for (int i = 0; i < p; i++) {
            d[i * p + i] += rho * mu;
        }
    }
}
