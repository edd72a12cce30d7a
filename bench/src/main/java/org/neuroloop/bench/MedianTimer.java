package org.neuroloop.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * A small timing harness: untimed warm-up runs (to let the JIT compile the hot paths), then several measured
 * repetitions; reports the median wall-clock time, and the median CPU time of this process over the same runs
 * (which, unlike wall time, barely changes when other processes compete for the cores). Every run returns a value
 * that is folded into {@link #sink()} so the JIT cannot drop the work (a black hole).
 */
public final class MedianTimer {

    /** One benchmark run; returns something derived from the result so the work cannot be eliminated. */
    @FunctionalInterface
    public interface Run {
        double run();
    }

    /** Median and spread of the measured repetitions (wall clock), and the median process CPU time, in seconds. */
    public record Timing(
            double medianSeconds, double minSeconds, double maxSeconds, double medianCpuSeconds, int repetitions) {}

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final int warmups;
    private final int repetitions;
    private double sink;

    public MedianTimer(int warmups, int repetitions) {
        if (warmups < 0 || repetitions < 1) {
            throw new IllegalArgumentException(
                    "need warmups >= 0 and repetitions >= 1, got " + warmups + ", " + repetitions);
        }
        this.warmups = warmups;
        this.repetitions = repetitions;
    }

    public Timing time(Run run) {
        for (int i = 0; i < warmups; i++) {
            sink += run.run();
        }
        double[] t = new double[repetitions];
        double[] cpu = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            long cpuStart = OS.getProcessCpuTime();
            long start = System.nanoTime();
            sink += run.run();
            t[i] = (System.nanoTime() - start) * 1e-9;
            cpu[i] = (OS.getProcessCpuTime() - cpuStart) * 1e-9;
        }
        Arrays.sort(t);
        return new Timing(median(t), t[0], t[repetitions - 1], median(cpu), repetitions);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    /** The folded results (print or otherwise consume it once so the black hole is observable). */
    public double sink() {
        return sink;
    }
}
