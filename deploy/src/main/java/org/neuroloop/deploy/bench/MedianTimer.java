package org.neuroloop.deploy.bench;

import java.util.Arrays;

/**
 * A small timing harness: untimed warm-up runs (to let the JIT compile the hot paths), then several measured
 * repetitions; reports the median wall-clock time. Every run returns a value that is folded into
 * {@link #sink()} so the JIT cannot drop the work (a black hole).
 */
public final class MedianTimer {

    /** One benchmark run; returns something derived from the result so the work cannot be eliminated. */
    @FunctionalInterface
    public interface Run {
        double run();
    }

    /** Median and spread of the measured repetitions, in seconds. */
    public record Timing(double medianSeconds, double minSeconds, double maxSeconds, int repetitions) {
    }

    private final int warmups;
    private final int repetitions;
    private double sink;

    public MedianTimer(int warmups, int repetitions) {
        if (warmups < 0 || repetitions < 1) {
            throw new IllegalArgumentException("need warmups >= 0 and repetitions >= 1, got " + warmups + ", " + repetitions);
        }
        this.warmups = warmups;
        this.repetitions = repetitions;
    }

    public Timing time(Run run) {
        for (int i = 0; i < warmups; i++) {
            sink += run.run();
        }
        double[] t = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            long start = System.nanoTime();
            sink += run.run();
            t[i] = (System.nanoTime() - start) * 1e-9;
        }
        Arrays.sort(t);
        double median = repetitions % 2 == 1 ? t[repetitions / 2] : 0.5 * (t[repetitions / 2 - 1] + t[repetitions / 2]);
        return new Timing(median, t[0], t[repetitions - 1], repetitions);
    }

    /** The folded results (print or otherwise consume it once so the black hole is observable). */
    public double sink() {
        return sink;
    }
}
