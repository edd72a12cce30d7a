package org.neuroloop.classifiers.mi;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.neuroloop.dsp.riemann.RiemannDistance;
import org.neuroloop.dsp.riemann.RiemannMean;
import org.neuroloop.dsp.riemann.SpdWorkspace;

/**
 * Minimum distance to (Riemannian) mean, as pyRiemann 0.9's {@code MDM(metric='riemann')}.
 *
 * <p>Fit: {@code Mₖ = RiemannMean({Cᵢ : yᵢ = k})} per class. Predict: {@code argminₖ δ_R(C, Mₖ)} with
 * {@code δ_R(A, B) = ‖log(A^{-1/2} B A^{-1/2})‖_F}; probabilities {@code softmax(−δ_R(C, Mₖ)²)}.
 * Shapes: n×n SPD matrices, labels {@code 0..K−1}.
 */
public final class MinimumDistanceToMean {

    private List<DMatrixRMaj> means;
    private List<RiemannDistance> distances;
    /** One workspace per predicting thread, so prediction allocates nothing but its result. */
    private ThreadLocal<SpdWorkspace> workspace;

    /** Rebuilds a fitted MDM from its class means (model files). */
    public static MinimumDistanceToMean fromMeans(List<DMatrixRMaj> classMeans) {
        MinimumDistanceToMean mdm = new MinimumDistanceToMean();
        mdm.setMeans(classMeans);
        return mdm;
    }

    public MinimumDistanceToMean fit(List<DMatrixRMaj> covs, int[] y) {
        if (covs.size() != y.length) {
            throw new IllegalArgumentException("MDM: " + covs.size() + " matrices but " + y.length + " labels");
        }
        int classes = 0;
        for (int label : y) {
            if (label < 0) {
                throw new IllegalArgumentException("MDM: negative label " + label);
            }
            classes = Math.max(classes, label + 1);
        }
        List<DMatrixRMaj> m = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            List<DMatrixRMaj> members = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                if (y[i] == k) {
                    members.add(covs.get(i));
                }
            }
            if (members.isEmpty()) {
                throw new IllegalArgumentException("MDM: no training matrices of class " + k);
            }
            m.add(RiemannMean.of(members));
        }
        setMeans(m);
        return this;
    }

    private void setMeans(List<DMatrixRMaj> m) {
        means = m.stream().map(DMatrixRMaj::copy).toList();
        distances = means.stream().map(RiemannDistance::to).toList();
        int n = means.get(0).numRows;
        workspace = ThreadLocal.withInitial(() -> new SpdWorkspace(n));
    }

    /** δ_R(C, Mₖ) for each class k. */
    public double[] distances(DMatrixRMaj c) {
        double[] d = squaredDistances(c);
        for (int k = 0; k < d.length; k++) {
            d[k] = Math.sqrt(d[k]);
        }
        return d;
    }

    /** δ_R(C, Mₖ)² for each class k: C is checked once and whitened by each class mean's Cholesky factor. */
    private double[] squaredDistances(DMatrixRMaj c) {
        requireFitted();
        double[] d = new double[distances.size()];
        RiemannDistance.squaredFrom(distances, c, d, workspace.get());
        return d;
    }

    /** {@code softmax(−δ²)} over classes. */
    public double[] predictProba(DMatrixRMaj c) {
        double[] d = squaredDistances(c);
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < d.length; k++) {
            d[k] = -d[k];
            max = Math.max(max, d[k]);
        }
        double sum = 0;
        for (int k = 0; k < d.length; k++) {
            d[k] = Math.exp(d[k] - max);
            sum += d[k];
        }
        for (int k = 0; k < d.length; k++) {
            d[k] /= sum;
        }
        return d;
    }

    public int predict(DMatrixRMaj c) {
        double[] d = squaredDistances(c);
        int best = 0;
        for (int k = 1; k < d.length; k++) {
            if (d[k] < d[best]) {
                best = k;
            }
        }
        return best;
    }

    /** The class means (copies). */
    public List<DMatrixRMaj> means() {
        requireFitted();
        return means.stream().map(DMatrixRMaj::copy).toList();
    }

    private void requireFitted() {
        if (means == null) {
            throw new IllegalStateException("MDM is not fitted");
        }
    }
}
