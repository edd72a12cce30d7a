package org.neuroloop.classifiers.mi;

import java.util.Arrays;
import java.util.Comparator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Two-class common spatial patterns, as MNE 1.3's {@code CSP(n_components, log=True)} with its other defaults
 * ({@code cov_est='concat'}, {@code reg=None}, {@code norm_trace=False}, {@code component_order='mutual_info'}).
 *
 * <p>Fit: Σₖ = {@code XₖXₖᵀ / (N − 1)} of the class-k epochs concatenated in time ({@code Xₖ} channels × N
 * samples; no mean removal: MNE's {@code _regularized_covariance} with {@code reg=None} runs sklearn's
 * {@code EmpiricalCovariance(assume_centered=True)} and then "undoes the bias" with N/(N − 1));
 * solve the generalized eigenproblem {@code Σ₀ w = λ (Σ₀ + Σ₁) w} (eigenvectors normalised to
 * {@code wᵀ(Σ₀+Σ₁)w = 1}, as {@code scipy.linalg.eigh(a, b)}); order the filters by |λ − ½| descending (MNE's
 * two-class mutual-information order) and keep the first {@code nComponents}.
 * Transform: {@code fᵢ = log( mean_t (wᵢᵀ x(t))² )}.
 *
 * <p>Checked against MNE on real data in {@code CspMneGoldenTest}.
 * Shapes: epochs {@code x[trial][channel][time]}, labels in {0, 1}; filters {@code [component][channel]}.
 */
public final class CommonSpatialPatterns {

    private final int nComponents;
    private double[][] filters;
    private double[] eigenvalues;

    public CommonSpatialPatterns(int nComponents) {
        if (nComponents < 1) {
            throw new IllegalArgumentException("CSP: n_components must be >= 1, got " + nComponents);
        }
        this.nComponents = nComponents;
    }

    /** Rebuilds a fitted CSP from its spatial filters (model files). */
    public static CommonSpatialPatterns fromFilters(double[][] filters) {
        CommonSpatialPatterns csp = new CommonSpatialPatterns(filters.length);
        csp.filters = Arrays.stream(filters).map(double[]::clone).toArray(double[][]::new);
        return csp;
    }

    public CommonSpatialPatterns fit(double[][][] x, int[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("CSP: " + x.length + " epochs but " + y.length + " labels");
        }
        int channels = x[0].length;
        if (nComponents > channels) {
            throw new IllegalArgumentException("CSP: n_components " + nComponents + " > " + channels + " channels");
        }
        DMatrixRMaj c0 = concatenatedCovariance(x, y, 0);
        DMatrixRMaj c1 = concatenatedCovariance(x, y, 1);
        DMatrixRMaj sum = new DMatrixRMaj(channels, channels);
        CommonOps_DDRM.add(c0, c1, sum);
        Generalized g = generalizedEigen(c0, sum);
        Integer[] order = new Integer[channels];
        for (int i = 0; i < channels; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -Math.abs(g.values[i] - 0.5)));
        filters = new double[nComponents][channels];
        eigenvalues = new double[nComponents];
        for (int k = 0; k < nComponents; k++) {
            int col = order[k];
            eigenvalues[k] = g.values[col];
            for (int ch = 0; ch < channels; ch++) {
                filters[k][ch] = g.vectors.get(ch, col);
            }
        }
        return this;
    }

    /** Log average power of each CSP component: {@code out[trial][component]}. */
    public double[][] transform(double[][][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = transform(x[i]);
        }
        return out;
    }

    /** Log average power of each CSP component for one epoch {@code [channel][time]}. */
    public double[] transform(double[][] epoch) {
        if (filters == null) {
            throw new IllegalStateException("CSP is not fitted");
        }
        if (epoch.length != filters[0].length) {
            throw new IllegalArgumentException(
                    "CSP: epoch has " + epoch.length + " channels, filters expect " + filters[0].length);
        }
        int n = epoch[0].length;
        double[] f = new double[filters.length];
        for (int k = 0; k < filters.length; k++) {
            double[] w = filters[k];
            double power = 0;
            for (int t = 0; t < n; t++) {
                double s = 0;
                for (int ch = 0; ch < w.length; ch++) {
                    s += w[ch] * epoch[ch][t];
                }
                power += s * s;
            }
            f[k] = Math.log(power / n);
        }
        return f;
    }

    public double[][] filters() {
        return Arrays.stream(filters).map(double[]::clone).toArray(double[][]::new);
    }

    /** Generalized eigenvalues of the kept filters, in filter order (NaN entries after {@link #fromFilters}). */
    public double[] eigenvalues() {
        return eigenvalues == null ? null : eigenvalues.clone();
    }

    /** {@code XₖXₖᵀ / (N − 1)} over the class-k epochs concatenated in time (MNE's {@code concat} estimate). */
    static DMatrixRMaj concatenatedCovariance(double[][][] x, int[] y, int k) {
        int channels = x[0].length;
        DMatrixRMaj acc = new DMatrixRMaj(channels, channels);
        long total = 0;
        for (int i = 0; i < x.length; i++) {
            if (y[i] != k) {
                continue;
            }
            double[][] e = x[i];
            int n = e[0].length;
            total += n;
            for (int a = 0; a < channels; a++) {
                double[] ea = e[a];
                for (int b = a; b < channels; b++) {
                    double[] eb = e[b];
                    double s = 0;
                    for (int t = 0; t < n; t++) {
                        s += ea[t] * eb[t];
                    }
                    acc.data[a * channels + b] += s;
                }
            }
        }
        if (total == 0) {
            throw new IllegalArgumentException("CSP: no epochs of class " + k);
        }
        for (int a = 0; a < channels; a++) {
            for (int b = a; b < channels; b++) {
                double c = acc.get(a, b) / (total - 1.0);
                acc.set(a, b, c);
                acc.set(b, a, c);
            }
        }
        return acc;
    }

    record Generalized(double[] values, DMatrixRMaj vectors) {}

    /** A w = λ B w for symmetric A and SPD B via B = LLᵀ, C = L⁻¹AL⁻ᵀ, w = L⁻ᵀu; eigenvalues ascending. */
    static Generalized generalizedEigen(DMatrixRMaj a, DMatrixRMaj b) {
        int n = a.numRows;
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
        DMatrixRMaj bc = b.copy();
        if (!chol.decompose(bc)) {
            throw new IllegalArgumentException("CSP: the summed class covariance is not positive definite "
                    + "(rank-deficient data: fewer samples than channels, or linearly dependent channels)");
        }
        DMatrixRMaj l = chol.getT(null);
        DMatrixRMaj lInv = new DMatrixRMaj(n, n);
        if (!CommonOps_DDRM.invert(l, lInv)) {
            throw new IllegalArgumentException("CSP: Cholesky factor of the summed class covariance is singular");
        }
        DMatrixRMaj tmp = new DMatrixRMaj(n, n);
        DMatrixRMaj c = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(lInv, a, tmp);
        CommonOps_DDRM.multTransB(tmp, lInv, c);
        // symmetrise against round-off before the symmetric eigensolver
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double m = 0.5 * (c.get(i, j) + c.get(j, i));
                c.set(i, j, m);
                c.set(j, i, m);
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(c)) {
            throw new IllegalStateException("CSP: eigendecomposition did not converge");
        }
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> eig.getEigenvalue(i).real));
        double[] values = new double[n];
        DMatrixRMaj u = new DMatrixRMaj(n, n);
        for (int k = 0; k < n; k++) {
            values[k] = eig.getEigenvalue(idx[k]).real;
            DMatrixRMaj vec = eig.getEigenVector(idx[k]);
            double norm = Math.sqrt(CommonOps_DDRM.dot(vec, vec));
            for (int r = 0; r < n; r++) {
                u.set(r, k, vec.get(r) / norm);
            }
        }
        DMatrixRMaj w = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransA(lInv, u, w);
        return new Generalized(values, w);
    }
}
