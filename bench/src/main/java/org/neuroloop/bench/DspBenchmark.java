package org.neuroloop.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.neuroloop.classifiers.mi.MinimumDistanceToMean;
import org.neuroloop.dsp.covariance.CovarianceEstimator;
import org.neuroloop.dsp.covariance.Covariances;
import org.neuroloop.dsp.filter.Butterworth;
import org.neuroloop.dsp.filter.IirFilter;
import org.neuroloop.dsp.filter.SosFilter;
import org.neuroloop.dsp.riemann.RiemannMean;
import org.neuroloop.dsp.riemann.TangentSpace;

/**
 * The workloads of {@code neuroloop bench dsp}, sized like the pyRiemann/scipy reference measurements:
 * <ul>
 *   <li>streaming 4th-order Butterworth band-pass 8–30 Hz at 250 Hz ({@link SosFilter}) on 64 channels, fed in
 *       chunks of 1, 10 and 100 samples: channel-samples per second;</li>
 *   <li>OAS covariances of 10,000 epochs of 22 channels × 500 samples ({@link Covariances});</li>
 *   <li>Riemannian mean of 1,000 22×22 covariances ({@link RiemannMean}, pyRiemann defaults);</li>
 *   <li>tangent-space projection of 10,000 22×22 covariances at their mean ({@link TangentSpace});</li>
 *   <li>MDM prediction of 10,000 covariances against 4 class means ({@link MinimumDistanceToMean}).</li>
 * </ul>
 * The epochs are synthetic and drawn like the peer's ({@link #epochs}). To stay within memory shared with other
 * processes, 2,000 distinct epochs (176 MB) are cycled to make 10,000; each is still read from main memory (not
 * cache). Every matrix kernel is timed on one thread and on all cores ({@link Scaling}).
 */
public final class DspBenchmark {

    public static final int FILTER_CHANNELS = 64;
    public static final double FS = 250.0;
    public static final int CHANNELS = 22;
    public static final int SAMPLES = 500;
    public static final int EPOCHS = 10_000;
    public static final int DISTINCT_EPOCHS = 2_000;
    public static final int MEAN_MATRICES = 1_000;
    public static final int CLASSES = 4;

    /** Python reference figures (pyRiemann 0.9 / scipy on this machine class), as given in the issue. */
    public static final Map<String, Double> REFERENCE = referenceFigures();

    private final MedianTimer timer;
    private final int filterSamples;
    private final int epochs;
    private final int distinctEpochs;
    private final int meanMatrices;

    /**
     * @param timer warm-up/repetition policy
     * @param filterSamples samples per channel filtered in one filter run
     * @param sizeDivisor 1 for the reference workload sizes; larger values shrink the matrix workloads (smoke tests)
     */
    public DspBenchmark(MedianTimer timer, int filterSamples, int sizeDivisor) {
        if (filterSamples < 100 || sizeDivisor < 1 || sizeDivisor > 100) {
            throw new IllegalArgumentException(
                    "need filterSamples >= 100 and 1 <= sizeDivisor <= 100, got " + filterSamples + ", " + sizeDivisor);
        }
        this.timer = timer;
        this.filterSamples = filterSamples;
        this.epochs = EPOCHS / sizeDivisor;
        this.distinctEpochs = DISTINCT_EPOCHS / sizeDivisor;
        this.meanMatrices = MEAN_MATRICES / sizeDivisor;
    }

    private static Map<String, Double> referenceFigures() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("filter_chunk10_chs_per_s", 22.8e6);
        m.put("filter_single_call_chs_per_s", 144e6);
        m.put("oas_10k_s", 0.445);
        m.put("riemann_mean_1k_s", 0.745);
        m.put("tangent_space_10k_s", 0.92);
        m.put("mdm_predict_10k_s", 2.9);
        return m;
    }

    /** Result of one benchmark: the median wall time and process CPU time of one run, and the work done in it. */
    public record Result(MedianTimer.Timing timing, double channelSamples) {
        /** Channel-samples per wall-clock second. */
        public double throughput() {
            return channelSamples / timing.medianSeconds();
        }

        /** Channel-samples per CPU second. */
        public double cpuThroughput() {
            return channelSamples / timing.medianCpuSeconds();
        }
    }

    /** The streaming band-pass fed in chunks of {@code chunk} samples (single thread). */
    public Result filterThroughput(int chunk) {
        IirFilter design = Butterworth.bandpass(4, 8.0, 30.0, FS);
        SosFilter filter = SosFilter.zeroState(design, FILTER_CHANNELS);
        Random r = new Random(7);
        int n = filterSamples - filterSamples % chunk;
        double[] signal = new double[n * FILTER_CHANNELS];
        for (int k = 0; k < signal.length; k++) {
            signal[k] = 10 * r.nextGaussian();
        }
        double[] buffer = new double[chunk * FILTER_CHANNELS];
        int calls = n / chunk;
        MedianTimer.Timing t = timer.time(() -> {
            double acc = 0;
            for (int i = 0; i < calls; i++) {
                System.arraycopy(signal, i * buffer.length, buffer, 0, buffer.length);
                filter.processInPlace(buffer);
                acc += buffer[0];
            }
            return acc;
        });
        return new Result(t, (double) n * FILTER_CHANNELS);
    }

    /**
     * Synthetic epochs shaped like the peer's ({@code speed_peer.py}): {@value #CLASSES} mixing matrices
     * {@code A_k = I + 0.3 N(0, 1)}, epoch i drawn as {@code A_{i mod 4} W} with W white Gaussian (channels × samples),
     * so the class structure (and hence the Riemann mean's iteration count and MDM's work) is the peer's.
     */
    public static List<DMatrixRMaj> epochs(int distinct, int total, long seed) {
        Random r = new Random(seed);
        double[][] mixing = new double[CLASSES][CHANNELS * CHANNELS];
        for (double[] a : mixing) {
            for (int k = 0; k < a.length; k++) {
                a[k] = 0.3 * r.nextGaussian() + (k % (CHANNELS + 1) == 0 ? 1.0 : 0.0);
            }
        }
        List<DMatrixRMaj> unique = new ArrayList<>(distinct);
        double[] source = new double[CHANNELS];
        for (int e = 0; e < distinct; e++) {
            double[] a = mixing[label(e)];
            DMatrixRMaj x = new DMatrixRMaj(CHANNELS, SAMPLES);
            for (int t = 0; t < SAMPLES; t++) {
                for (int c = 0; c < CHANNELS; c++) {
                    source[c] = r.nextGaussian();
                }
                for (int c = 0; c < CHANNELS; c++) {
                    double v = 0;
                    for (int s = 0; s < CHANNELS; s++) {
                        v += a[c * CHANNELS + s] * source[s];
                    }
                    x.data[c * SAMPLES + t] = v;
                }
            }
            unique.add(x);
        }
        List<DMatrixRMaj> all = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            all.add(unique.get(i % distinct));
        }
        return all;
    }

    /** The class of epoch i (as the peer: i mod 4; {@code DISTINCT_EPOCHS} is a multiple of 4, so cycling keeps it). */
    public static int label(int i) {
        return i % CLASSES;
    }

    /** One kernel timed on a single thread and on all cores. */
    public record Scaling(MedianTimer.Timing singleThread, MedianTimer.Timing allCores) {}

    /** Results of the matrix benchmarks (median of the repetitions), each on one thread and on all cores. */
    public record MatrixTimings(
            Scaling oas10k,
            Scaling riemannMean1k,
            Scaling tangentSpace10k,
            Scaling mdmPredict10k,
            int riemannMeanIterations) {}

    /**
     * Times the matrix kernels. Their parallel loops run on the fork-join pool of the calling task, so running
     * the same code inside a pool of one thread and inside a pool of all cores gives both figures.
     */
    /** Steps {@link #matrixTimings()} reports through {@link #onStep}: each of 4 kernels on 1 thread and all. */
    public static final int MATRIX_STEPS = 8;

    private Runnable onStep = () -> {};

    /** Called after each timed kernel run of {@link #matrixTimings()} (progress of a long benchmark). */
    public DspBenchmark onStep(Runnable step) {
        this.onStep = step;
        return this;
    }

    public MatrixTimings matrixTimings() {
        List<DMatrixRMaj> data = epochs(distinctEpochs, epochs, 11);
        DMatrixRMaj[][] holder = new DMatrixRMaj[1][];
        Scaling oas = scaling(() -> {
            holder[0] = Covariances.of(data, CovarianceEstimator.OAS);
            return holder[0][epochs - 1].data[0];
        });
        List<DMatrixRMaj> covs = Arrays.asList(holder[0]);
        List<DMatrixRMaj> meanSet = covs.subList(0, meanMatrices);
        DMatrixRMaj[] mean = new DMatrixRMaj[1];
        Scaling riemannMean = scaling(() -> {
            mean[0] = RiemannMean.of(meanSet);
            return mean[0].data[0];
        });
        int iterations = RiemannMean.estimate(
                        meanSet, null, RiemannMean.DEFAULT_TOL, RiemannMean.DEFAULT_MAX_ITER, null)
                .iterations();
        // As the peer: the reference is fitted beforehand (not timed) on all matrices, then all are transformed.
        TangentSpace ts = TangentSpace.at(RiemannMean.of(covs.subList(0, distinctEpochs)));
        Scaling tangent = scaling(() -> ts.projectAll(covs)[epochs - 1][0]);
        int[] labels = new int[distinctEpochs];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = label(i);
        }
        MinimumDistanceToMean mdm = new MinimumDistanceToMean().fit(covs.subList(0, distinctEpochs), labels);
        Scaling predict = scaling(() -> IntStream.range(0, epochs)
                .parallel()
                .map(i -> mdm.predict(covs.get(i)))
                .sum());
        return new MatrixTimings(oas, riemannMean, tangent, predict, iterations);
    }

    private Scaling scaling(MedianTimer.Run run) {
        MedianTimer.Timing single = inPool(1, run);
        onStep.run();
        MedianTimer.Timing all = inPool(Runtime.getRuntime().availableProcessors(), run);
        onStep.run();
        return new Scaling(single, all);
    }

    private MedianTimer.Timing inPool(int threads, MedianTimer.Run run) {
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            return pool.submit(() -> timer.time(run)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("benchmark interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("benchmark failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdown();
        }
    }
}
