package org.neuroloop.classifiers.mi;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Two-class linear discriminant analysis, as scikit-learn 1.2's {@code LinearDiscriminantAnalysis}.
 *
 * <p>Decision function {@code d(x) = w·x + b} with {@code w = Σ⁻¹(μ₁ − μ₀)} and
 * {@code b = −½ (μ₁ + μ₀)·w + log(π₁/π₀)}, where Σ is the pooled within-class covariance and π the class
 * priors (class frequencies). {@code P(class 1 | x) = 1 / (1 + exp(−d(x)))}.
 * <ul>
 *   <li>{@link Solver#SVD} (scikit-learn's default): Σ = Xcᵀ Xc / (n − 2) inverted through the SVD of the
 *       within-class-centred, per-feature-standardised data, dropping singular values ≤ 1e-4 (sklearn's {@code
 * tol});</li>
 *   <li>{@link Solver#LSQR_LEDOIT_WOLF} ({@code solver='lsqr', shrinkage='auto'}): Σ = Σₖ πₖ Σₖ with each class
 *       covariance Σₖ the Ledoit-Wolf estimate of its standardised features, rescaled; w solves Σ w = μ₁ − μ₀.</li>
 * </ul>
 * Shapes: {@code X[n][p]}, labels {@code y[n]} in {0, 1}.
 */
public final class LinearDiscriminantAnalysis implements BinaryClassifier {

    /** How Σ is estimated and inverted. */
    public enum Solver {
        SVD,
        LSQR_LEDOIT_WOLF
    }

    private static final double SVD_TOL = 1e-4;

    private final Solver solver;
    private double[] coef;
    private double intercept;

    public LinearDiscriminantAnalysis(Solver solver) {
        this.solver = solver;
    }

    /** scikit-learn's default: SVD solver, no shrinkage. */
    public LinearDiscriminantAnalysis() {
        this(Solver.SVD);
    }

    /** Rebuilds a fitted model from its coefficients (model files). */
    public static LinearDiscriminantAnalysis fromCoefficients(Solver solver, double[] coef, double intercept) {
        LinearDiscriminantAnalysis lda = new LinearDiscriminantAnalysis(solver);
        lda.coef = coef.clone();
        lda.intercept = intercept;
        return lda;
    }

    @Override
    public LinearDiscriminantAnalysis fit(double[][] x, int[] y) {
        Features.checkBinary(x, y);
        int n = x.length;
        int p = x[0].length;
        int[] counts = Features.classCounts(y, 2);
        double[][] means = Features.classMeans(x, y, 2);
        double[] diff = new double[p];
        for (int j = 0; j < p; j++) {
            diff[j] = means[1][j] - means[0][j];
        }
        double logPriorRatio = Math.log((double) counts[1] / counts[0]);
        coef = solver == Solver.SVD
                ? svdDirection(x, y, means, n, p, diff)
                : shrinkageDirection(x, y, means, counts, n, p, diff);
        double b = 0;
        for (int j = 0; j < p; j++) {
            b -= 0.5 * (means[1][j] + means[0][j]) * coef[j];
        }
        intercept = b + logPriorRatio;
        return this;
    }

    /**
     * w = Σ⁺ (μ₁ − μ₀) with Σ⁺ built from the SVD of the scaled within-class residuals, as sklearn's {@code
     * _solve_svd}.
     */
    private static double[] svdDirection(double[][] x, int[] y, double[][] means, int n, int p, double[] diff) {
        DMatrixRMaj xc = new DMatrixRMaj(n, p);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                xc.set(i, j, x[i][j] - means[y[i]][j]);
            }
        }
        double[] std = new double[p];
        for (int j = 0; j < p; j++) {
            double s = 0;
            double m = 0;
            for (int i = 0; i < n; i++) {
                m += xc.get(i, j);
            }
            m /= n;
            for (int i = 0; i < n; i++) {
                double d = xc.get(i, j) - m;
                s += d * d;
            }
            std[j] = Math.sqrt(s / n);
            if (std[j] == 0) {
                std[j] = 1;
            }
        }
        double fac = Math.sqrt(1.0 / (n - 2));
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                xc.set(i, j, fac * xc.get(i, j) / std[j]);
            }
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(n, p, false, true, true);
        if (!svd.decompose(xc)) {
            throw new IllegalStateException("LDA: SVD of the within-class data did not converge");
        }
        double[] s = svd.getSingularValues();
        DMatrixRMaj vt = svd.getV(null, true);
        // Σ⁺ d = D⁻¹ V S⁻² Vᵀ D⁻¹ d over the singular values above tol
        double[] scaled = new double[p];
        for (int j = 0; j < p; j++) {
            scaled[j] = diff[j] / std[j];
        }
        double[] w = new double[p];
        for (int k = 0; k < s.length; k++) {
            if (s[k] <= SVD_TOL) {
                continue;
            }
            double proj = 0;
            for (int j = 0; j < p; j++) {
                proj += vt.get(k, j) * scaled[j];
            }
            proj /= s[k] * s[k];
            for (int j = 0; j < p; j++) {
                w[j] += vt.get(k, j) * proj;
            }
        }
        for (int j = 0; j < p; j++) {
            w[j] /= std[j];
        }
        return w;
    }

    /** w solves (Σₖ πₖ LW(Xₖ)) w = μ₁ − μ₀, as sklearn's {@code _solve_lstsq} with {@code shrinkage='auto'}. */
    private static double[] shrinkageDirection(
            double[][] x, int[] y, double[][] means, int[] counts, int n, int p, double[] diff) {
        DMatrixRMaj sigma = new DMatrixRMaj(p, p);
        for (int k = 0; k < 2; k++) {
            double[][] xk = new double[counts[k]][];
            int r = 0;
            for (int i = 0; i < n; i++) {
                if (y[i] == k) {
                    xk[r++] = x[i];
                }
            }
            DMatrixRMaj ck = LedoitWolfStandardised.covariance(xk);
            CommonOps_DDRM.addEquals(sigma, (double) counts[k] / n, ck);
        }
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.leastSquares(p, p);
        if (!solver.setA(sigma)) {
            throw new IllegalStateException("LDA: shrunk covariance is singular");
        }
        DMatrixRMaj b = new DMatrixRMaj(p, 1, true, diff);
        DMatrixRMaj w = new DMatrixRMaj(p, 1);
        solver.solve(b, w);
        return w.data.clone();
    }

    @Override
    public double decisionFunction(double[] x) {
        requireFitted();
        if (x.length != coef.length) {
            throw new IllegalArgumentException(
                    "LDA: feature vector has " + x.length + " values, model expects " + coef.length);
        }
        double d = intercept;
        for (int j = 0; j < coef.length; j++) {
            d += coef[j] * x[j];
        }
        return d;
    }

    public double[] coef() {
        requireFitted();
        return coef.clone();
    }

    public double intercept() {
        requireFitted();
        return intercept;
    }

    public Solver solver() {
        return solver;
    }

    private void requireFitted() {
        if (coef == null) {
            throw new IllegalStateException("LDA is not fitted");
        }
    }
}
