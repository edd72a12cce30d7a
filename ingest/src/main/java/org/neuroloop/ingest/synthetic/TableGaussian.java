package org.neuroloop.ingest.synthetic;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A random generator whose {@link #nextGaussian()} costs a quarter of a 64-bit draw: each 16-bit slice of a
 * {@link SplittableRandom} long picks one of 65,536 fixed standard-normal values (drawn once from a fixed seed,
 * then standardised to mean 0 and variance 1). The values are Gaussian-distributed and independent from draw to
 * draw, bounded at the table's extremes (about ±4.3 σ). A 64-channel session at 500 Hz draws ~70,000 Gaussians a
 * second; the ziggurat of {@link SplittableRandom#nextGaussian()} made the generator a large part of the cost of
 * running many synthetic sessions, which stand in for amplifiers and should cost little beside the pipeline.
 * Every other method draws from the underlying generator. Not thread-safe.
 */
final class TableGaussian implements RandomGenerator {

    private static final int BITS = 16;
    private static final int MASK = (1 << BITS) - 1;
    private static final double[] TABLE = table();

    private final SplittableRandom rnd;
    private long bits;
    private int left;

    TableGaussian(long seed) {
        this.rnd = new SplittableRandom(seed);
    }

    @Override
    public long nextLong() {
        return rnd.nextLong();
    }

    @Override
    public double nextDouble() {
        return rnd.nextDouble();
    }

    @Override
    public double nextGaussian() {
        if (left == 0) {
            bits = rnd.nextLong();
            left = 64 / BITS;
        }
        double g = TABLE[(int) bits & MASK];
        bits >>>= BITS;
        left--;
        return g;
    }

    /**
     * Fills {@code out[from .. to)} with the values {@code to - from} calls of {@link #nextGaussian()} would return,
     * in that order, four table lookups per 64-bit draw without a call per value.
     */
    void nextGaussians(double[] out, int from, int to) {
        int i = from;
        while (i < to && left > 0) {
            out[i++] = TABLE[(int) bits & MASK];
            bits >>>= BITS;
            left--;
        }
        for (; i + 4 <= to; i += 4) {
            long r = rnd.nextLong();
            out[i] = TABLE[(int) r & MASK];
            out[i + 1] = TABLE[(int) (r >>> BITS) & MASK];
            out[i + 2] = TABLE[(int) (r >>> 2 * BITS) & MASK];
            out[i + 3] = TABLE[(int) (r >>> 3 * BITS) & MASK];
        }
        while (i < to) {
            out[i++] = nextGaussian();
        }
    }

    private static double[] table() {
        SplittableRandom r = new SplittableRandom(0x5EEDL);
        double[] t = new double[1 << BITS];
        double sum = 0;
        for (int k = 0; k < t.length; k++) {
            t[k] = r.nextGaussian();
            sum += t[k];
        }
        double mean = sum / t.length;
        double squares = 0;
        for (int k = 0; k < t.length; k++) {
            t[k] -= mean;
            squares += t[k] * t[k];
        }
        double scale = 1 / Math.sqrt(squares / t.length);
        for (int k = 0; k < t.length; k++) {
            t[k] *= scale;
        }
        return t;
    }
}
