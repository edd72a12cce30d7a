package org.neuroloop.dsp.covariance;

import java.lang.reflect.InvocationTargetException;

/**
 * Upper triangle of {@code X Xᵀ} for channel-major X (p rows of n samples), the product that dominates the cost of
 * every covariance estimator, and the row sums that centre X. Java 17's JIT does not vectorise these dot products
 * and sums, so when the JVM runs with {@code --add-modules jdk.incubator.vector} (the {@code neuroloop} launcher and
 * the dsp tests do) they run on SIMD registers ({@link VectorScatter}, about 4× faster for 22 × 500 epochs);
 * otherwise on the scalar register-blocked kernel ({@link ScalarScatter}). Both give the same sums up to rounding.
 */
final class Scatter {

    /** One implementation of the product. */
    interface Kernel {
        /** Writes {@code out[a * p + b] = Σ_t x[a * n + t] x[b * n + t]} for at least every a ≤ b. */
        void upper(double[] x, int p, int n, double[] out);

        /**
         * {@code Σ_t v[from + t]} for t below n: the channel sums that centring needs, which cost as much as the
         * product itself when added one after another (each addition waits for the previous one's latency).
         */
        double sum(double[] v, int from, int n);
    }

    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final Kernel KERNEL = choose();

    private Scatter() {}

    static void upper(double[] x, int p, int n, double[] out) {
        KERNEL.upper(x, p, n, out);
    }

    static double sum(double[] v, int from, int n) {
        return KERNEL.sum(v, from, n);
    }

    /** The kernel in use (for tests and for the benchmark's report). */
    static Kernel kernel() {
        return KERNEL;
    }

    private static Kernel choose() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            return new ScalarScatter();
        }
        try {
            // Loaded by name: the class cannot even be resolved when the module is absent.
            return (Kernel) Class.forName("org.neuroloop.dsp.covariance.VectorScatter")
                    .getDeclaredConstructor()
                    .newInstance();
        } catch (ClassNotFoundException
                | NoSuchMethodException
                | InstantiationException
                | IllegalAccessException
                | InvocationTargetException
                | LinkageError e) {
            return new ScalarScatter();
        }
    }
}
