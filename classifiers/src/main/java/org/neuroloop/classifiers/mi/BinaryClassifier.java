package org.neuroloop.classifiers.mi;

/**
 * A two-class linear classifier on feature vectors: {@code P(class 1 | x) = σ(decisionFunction(x))}.
 * Shapes: {@code X[n][p]}, labels in {0, 1}.
 */
public interface BinaryClassifier {

    /** Fits on feature rows {@code x} with labels {@code y} (0 or 1); returns this. */
    BinaryClassifier fit(double[][] x, int[] y);

    /** Signed score; positive favours class 1. */
    double decisionFunction(double[] x);

    /** {@code [P(0|x), P(1|x)]} with the logistic link, as scikit-learn's binary {@code predict_proba}. */
    default double[] predictProba(double[] x) {
        double p1 = Features.sigmoid(decisionFunction(x));
        return new double[] {1 - p1, p1};
    }

    /** 1 when the decision function is positive, else 0 (scikit-learn's convention). */
    default int predict(double[] x) {
        return decisionFunction(x) > 0 ? 1 : 0;
    }
}
