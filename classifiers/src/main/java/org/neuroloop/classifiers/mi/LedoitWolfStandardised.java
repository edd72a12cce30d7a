package org.neuroloop.classifiers.mi;

import org.ejml.data.DMatrixRMaj;

/**
 * Ledoit-Wolf covariance of standardised features, rescaled: scikit-learn's {@code _cov(X, shrinkage='auto')}
 * used by shrinkage LDA.
 *
 * <p>Each feature is centred and divided by its (population) standard deviation z = (x − m)/s, the Ledoit-Wolf
 * estimate {@code (1 − α) S + α μ I} (S the biased sample covariance, μ = tr(S)/p, α as sklearn's
 * {@code ledoit_wolf_shrinkage}) is taken of z, and mapped back with {@code diag(s) · LW · diag(s)}.
 * Written here rather than reusing the epoch covariance estimators because it works on feature rows
 * ({@code X[n][p]}) and includes sklearn's standardisation step.
 */
final class LedoitWolfStandardised {

    private LedoitWolfStandardised() {}

    static DMatrixRMaj covariance(double[][] x) {
        int n = x.length;
        int p = x[0].length;
        double[] mean = new double[p];
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < p; j++) {
            mean[j] /= n;
        }
        double[] scale = new double[p];
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                double d = row[j] - mean[j];
                scale[j] += d * d;
            }
        }
        for (int j = 0; j < p; j++) {
            scale[j] = Math.sqrt(scale[j] / n);
            if (scale[j] == 0) {
                scale[j] = 1;
            }
        }
        double[][] z = new double[n][p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                z[i][j] = (x[i][j] - mean[j]) / scale[j];
            }
        }
        // z is centred (standardising removed the mean), so S = zᵀz / n
        DMatrixRMaj s = new DMatrixRMaj(p, p);
        for (double[] row : z) {
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    s.add(a, b, row[a] * row[b]);
                }
            }
        }
        for (int k = 0; k < s.data.length; k++) {
            s.data[k] /= n;
        }
        double trace = 0;
        for (int a = 0; a < p; a++) {
            trace += s.get(a, a);
        }
        double mu = trace / p;
        // sklearn ledoit_wolf_shrinkage
        double delta = 0;
        for (int k = 0; k < s.data.length; k++) {
            delta += s.data[k] * s.data[k];
        }
        double betaSum = 0;
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                double t = 0;
                for (double[] row : z) {
                    t += row[a] * row[a] * row[b] * row[b];
                }
                betaSum += t;
            }
        }
        double beta = 1.0 / ((double) p * n) * (betaSum / n - delta);
        double deltaCentred = (delta - 2 * mu * trace + p * mu * mu) / p;
        beta = Math.min(beta, deltaCentred);
        double shrinkage = beta == 0 ? 0 : beta / deltaCentred;
        DMatrixRMaj out = new DMatrixRMaj(p, p);
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                double v = (1 - shrinkage) * s.get(a, b) + (a == b ? shrinkage * mu : 0);
                out.set(a, b, scale[a] * v * scale[b]);
            }
        }
        return out;
    }
}
