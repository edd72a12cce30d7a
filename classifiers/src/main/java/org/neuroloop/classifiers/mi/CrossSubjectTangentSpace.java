package org.neuroloop.classifiers.mi;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.neuroloop.dsp.riemann.Recentering;
import org.neuroloop.dsp.riemann.RiemannMean;
import org.neuroloop.dsp.riemann.TangentSpace;

/**
 * Cross-subject {@code ts-lr}, the Riemannian counterpart of pretraining plus fine-tuning: every subject's OAS
 * covariances are re-centred by that subject's own Riemannian mean (Zanini et al. 2018; all of its trials, labels
 * unused), so all subjects share the identity as reference and their tangent vectors at the identity live in one
 * space; then, per split, an L2 logistic regression is fitted on the other subjects' vectors pooled with the target's
 * training fold and scored on the target's test fold.
 */
public final class CrossSubjectTangentSpace {

    private final double c;

    /** @param c inverse regularisation strength of the logistic regression (scikit-learn's C) */
    public CrossSubjectTangentSpace(double c) {
        this.c = c;
    }

    /** Tangent vectors at the identity of one subject's re-centred OAS covariances, {@code [trial][C(C+1)/2]}. */
    public static double[][] recentredVectors(TrialSet subject) {
        List<DMatrixRMaj> covs = new RiemannianPipeline(
                        CovarianceSpec.OAS, RiemannianPipeline.Head.TS_LR, false, 1.0, null)
                .covariances(subject.epochs());
        DMatrixRMaj mean = RiemannMean.of(covs);
        Recentering r = Recentering.fixed(mean);
        int n = mean.numRows;
        TangentSpace ts = TangentSpace.at(CommonOps_DDRM.identity(n));
        double[][] out = new double[covs.size()][];
        for (int i = 0; i < out.length; i++) { // sequential: the re-centering and tangent space keep workspaces
            out[i] = ts.project(r.apply(covs.get(i), new DMatrixRMaj(n, n)));
        }
        return out;
    }

    /**
     * Scores every split of the target.
     *
     * @param others the other subjects' vectors and labels (pooled into every training set)
     * @param target the target's vectors, {@code [trial][p]}
     * @param targetLabels the target's labels
     */
    public CrossValidation.Result evaluate(
            List<double[][]> others,
            List<int[]> otherLabels,
            double[][] target,
            int[] targetLabels,
            List<Split> splits) {
        List<double[]> poolX = new ArrayList<>();
        List<Integer> poolY = new ArrayList<>();
        for (int s = 0; s < others.size(); s++) {
            for (int i = 0; i < others.get(s).length; i++) {
                poolX.add(others.get(s)[i]);
                poolY.add(otherLabels.get(s)[i]);
            }
        }
        double[] acc = new double[splits.size()];
        double[] auc = new double[splits.size()];
        for (int f = 0; f < splits.size(); f++) {
            Split sp = splits.get(f);
            List<double[]> x = new ArrayList<>(poolX);
            List<Integer> y = new ArrayList<>(poolY);
            for (int i : sp.train()) {
                x.add(target[i]);
                y.add(targetLabels[i]);
            }
            LogisticRegression lr = new LogisticRegression(c)
                    .fit(
                            x.toArray(double[][]::new),
                            y.stream().mapToInt(Integer::intValue).toArray());
            double[] score = new double[sp.test().length];
            int[] truth = new int[sp.test().length];
            int correct = 0;
            for (int k = 0; k < sp.test().length; k++) {
                int i = sp.test()[k];
                score[k] = lr.predictProba(target[i])[1];
                truth[k] = targetLabels[i];
                if ((score[k] > 0.5 ? 1 : 0) == truth[k]) {
                    correct++;
                }
            }
            acc[f] = (double) correct / score.length;
            auc[f] = RocAuc.of(truth, score);
        }
        return new CrossValidation.Result("ts-lr(oas,C=" + c + ")+recenter cross-subject", acc, auc, target.length);
    }
}
