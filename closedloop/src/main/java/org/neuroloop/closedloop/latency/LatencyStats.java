package org.neuroloop.closedloop.latency;

import java.util.Arrays;

/**
 * Summary of latencies (nearest-rank percentiles: the smallest value with at least q of the values at or below it).
 *
 * @param count number of values
 * @param p50Ms median, ms
 * @param p95Ms 95th percentile, ms
 * @param p99Ms 99th percentile, ms
 * @param maxMs largest, ms
 * @param meanMs mean, ms
 */
public record LatencyStats(int count, double p50Ms, double p95Ms, double p99Ms, double maxMs, double meanMs) {

    /** Summarises latencies given in seconds (NaN figures when there are none). */
    public static LatencyStats ofSeconds(double[] seconds) {
        int n = seconds.length;
        if (n == 0) {
            return new LatencyStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] v = seconds.clone();
        Arrays.sort(v);
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return new LatencyStats(
                n,
                ms(nearestRank(v, 0.50)),
                ms(nearestRank(v, 0.95)),
                ms(nearestRank(v, 0.99)),
                ms(v[n - 1]),
                ms(sum / n));
    }

    /** Nearest-rank percentile of ascending values. */
    static double nearestRank(double[] sorted, double q) {
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static double ms(double s) {
        return Math.round(s * 1e6) / 1e3; // microsecond resolution
    }
}
