package org.neuroloop.classifiers.mi;

import java.util.Arrays;

/**
 * Two-class L2-regularised logistic regression, minimised to convergence; the optimum scikit-learn 1.2's
 * {@code LogisticRegression(C, penalty='l2', solver='lbfgs')} approaches.
 *
 * <p>Minimises {@code F(w, b) = ½‖w‖² + C Σᵢ log(1 + exp(−sᵢ (w·xᵢ + b)))} with sᵢ = ±1; the intercept b is
 * not penalised. The problem is strictly convex in w, so any solver reaching the optimum gives the same answer:
 * we use Newton steps solved by conjugate gradients on Hessian-vector products
 * {@code H v = [v_w; 0] + C Zᵀ D Z v} (Z = [X 1], D = diag(σᵢ(1 − σᵢ))) with Armijo backtracking — exact
 * enough in a few iterations and O(n·p) per product, which matters for tangent-space vectors (p ≈ 2000, n ≈ 40).
 * Shapes: {@code X[n][p]}, labels in {0, 1}.
 */
public final class LogisticRegression implements BinaryClassifier {

    private static final int MAX_NEWTON = 200;
    private static final double GRAD_TOL = 1e-10;

    private final double c;
    private double[] coef;
    private double intercept;
    private int iterations;

    /** @param c inverse regularisation strength, as scikit-learn's {@code C} (> 0) */
    public LogisticRegression(double c) {
        if (!(c > 0)) {
            throw new IllegalArgumentException("logistic regression: C must be > 0, got " + c);
        }
        this.c = c;
    }

    /** scikit-learn's default, C = 1. */
    public LogisticRegression() {
        this(1.0);
    }

    /** Rebuilds a fitted model from its coefficients (model files). */
    public static LogisticRegression fromCoefficients(double c, double[] coef, double intercept) {
        LogisticRegression lr = new LogisticRegression(c);
        lr.coef = coef.clone();
        lr.intercept = intercept;
        return lr;
    }

    @Override
    public LogisticRegression fit(double[][] x, int[] y) {
        Features.checkBinary(x, y);
        int n = x.length;
        int p = x[0].length;
        double[] theta = new double[p + 1]; // w then b
        double[] z = new double[n];
        double[] grad = new double[p + 1];
        double[] d = new double[n];
        double f = objective(x, y, theta, z);
        iterations = 0;
        for (int it = 0; it < MAX_NEWTON; it++) {
            gradient(x, y, theta, z, grad, d);
            double gmax = 0;
            for (double g : grad) {
                gmax = Math.max(gmax, Math.abs(g));
            }
            if (gmax < GRAD_TOL * Math.max(1, c * n)) {
                break;
            }
            double[] step = conjugateGradient(x, d, grad, p);
            double slope = dot(grad, step);
            if (slope >= 0) { // CG lost descent through round-off: fall back to steepest descent
                for (int j = 0; j <= p; j++) {
                    step[j] = -grad[j];
                }
                slope = dot(grad, step);
            }
            double t = 1;
            double[] trial = new double[p + 1];
            double ft;
            while (true) {
                for (int j = 0; j <= p; j++) {
                    trial[j] = theta[j] + t * step[j];
                }
                ft = objective(x, y, trial, z);
                if (ft <= f + 1e-4 * t * slope || t < 1e-12) {
                    break;
                }
                t *= 0.5;
            }
            theta = trial;
            boolean stalled = f - ft <= 1e-16 * Math.abs(f);
            f = ft;
            iterations = it + 1;
            if (stalled && t < 1e-12) {
                break;
            }
        }
        objective(x, y, theta, z);
        coef = Arrays.copyOf(theta, p);
        intercept = theta[p];
        return this;
    }

    /** F(θ); leaves the margins zᵢ = w·xᵢ + b in {@code z}. */
    private double objective(double[][] x, int[] y, double[] theta, double[] z) {
        int p = theta.length - 1;
        double f = 0;
        for (int j = 0; j < p; j++) {
            f += 0.5 * theta[j] * theta[j];
        }
        for (int i = 0; i < x.length; i++) {
            double zi = theta[p];
            for (int j = 0; j < p; j++) {
                zi += theta[j] * x[i][j];
            }
            z[i] = zi;
            double m = y[i] == 1 ? zi : -zi;
            // log(1 + exp(−m)) without overflow
            f += c * (m > 0 ? Math.log1p(Math.exp(-m)) : -m + Math.log1p(Math.exp(m)));
        }
        return f;
    }

    private void gradient(double[][] x, int[] y, double[] theta, double[] z, double[] grad, double[] d) {
        int p = theta.length - 1;
        System.arraycopy(theta, 0, grad, 0, p);
        grad[p] = 0;
        for (int i = 0; i < x.length; i++) {
            double s = Features.sigmoid(z[i]);
            double r = c * (s - y[i]);
            for (int j = 0; j < p; j++) {
                grad[j] += r * x[i][j];
            }
            grad[p] += r;
            d[i] = c * s * (1 - s);
        }
    }

    /** Solves H s = −g by conjugate gradients; H is p+1 square but only touched through products. */
    private static double[] conjugateGradient(double[][] x, double[] d, double[] grad, int p) {
        double[] s = new double[p + 1];
        double[] r = new double[p + 1];
        for (int j = 0; j <= p; j++) {
            r[j] = -grad[j];
        }
        double[] dir = r.clone();
        double rr = dot(r, r);
        double stop = 1e-20 * Math.max(1, rr);
        double[] hd = new double[p + 1];
        double[] zv = new double[x.length];
        for (int it = 0; it < 4 * (x.length + 2) + 50 && rr > stop; it++) {
            hessianTimes(x, d, dir, hd, zv, p);
            double curv = dot(dir, hd);
            if (curv <= 0) {
                break;
            }
            double alpha = rr / curv;
            for (int j = 0; j <= p; j++) {
                s[j] += alpha * dir[j];
                r[j] -= alpha * hd[j];
            }
            double rrNew = dot(r, r);
            double beta = rrNew / rr;
            rr = rrNew;
            for (int j = 0; j <= p; j++) {
                dir[j] = r[j] + beta * dir[j];
            }
        }
        if (dot(s, s) == 0) {
            return r;
        }
        return s;
    }

    private static void hessianTimes(double[][] x, double[] d, double[] v, double[] out, double[] zv, int p) {
        for (int i = 0; i < x.length; i++) {
            double t = v[p];
            for (int j = 0; j < p; j++) {
                t += x[i][j] * v[j];
            }
            zv[i] = d[i] * t;
        }
        System.arraycopy(v, 0, out, 0, p);
        out[p] = 0;
        for (int i = 0; i < x.length; i++) {
            double t = zv[i];
            for (int j = 0; j < p; j++) {
                out[j] += x[i][j] * t;
            }
            out[p] += t;
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Override
    public double decisionFunction(double[] x) {
        if (coef == null) {
            throw new IllegalStateException("logistic regression is not fitted");
        }
        if (x.length != coef.length) {
            throw new IllegalArgumentException(
                    "logistic regression: feature vector has " + x.length + " values, model expects " + coef.length);
        }
        double z = intercept;
        for (int j = 0; j < coef.length; j++) {
            z += coef[j] * x[j];
        }
        return z;
    }

    public double[] coef() {
        return coef.clone();
    }

    public double intercept() {
        return intercept;
    }

    public double c() {
        return c;
    }

    /** Newton iterations the last fit took. */
    public int iterations() {
        return iterations;
    }
}
