package org.neuroloop.classifiers.mi;

/** Checks and class statistics on feature matrices {@code X[n][p]} with integer labels {@code y[n]}. */
final class Features {

    private Features() {}

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    /** Rejects ragged or empty input, non-finite values and labels other than 0/1; needs both classes. */
    static void checkBinary(double[][] x, int[] y) {
        if (x.length == 0) {
            throw new IllegalArgumentException("no training samples");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException(x.length + " feature rows but " + y.length + " labels");
        }
        int p = x[0].length;
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != p) {
                throw new IllegalArgumentException(
                        "feature row " + i + " has " + x[i].length + " values, row 0 has " + p);
            }
            for (double v : x[i]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("feature row " + i + " holds a non-finite value " + v);
                }
            }
            if (y[i] != 0 && y[i] != 1) {
                throw new IllegalArgumentException("label of sample " + i + " is " + y[i] + ", expected 0 or 1");
            }
        }
        int[] counts = classCounts(y, 2);
        if (counts[0] < 2 || counts[1] < 2) {
            throw new IllegalArgumentException("need at least 2 samples of each class, got " + counts[0]
                    + " of class 0 and " + counts[1] + " of class 1");
        }
    }

    static int[] classCounts(int[] y, int classes) {
        int[] c = new int[classes];
        for (int label : y) {
            c[label]++;
        }
        return c;
    }

    static double[][] classMeans(double[][] x, int[] y, int classes) {
        int p = x[0].length;
        double[][] m = new double[classes][p];
        int[] c = classCounts(y, classes);
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < p; j++) {
                m[y[i]][j] += x[i][j];
            }
        }
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < p; j++) {
                m[k][j] /= c[k];
            }
        }
        return m;
    }
}
