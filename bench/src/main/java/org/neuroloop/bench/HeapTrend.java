package org.neuroloop.bench;

import java.util.List;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * The heap's trend over a soak: the least-squares line of heap-after-GC against time over the steady intervals
 * (start-up and a last interval shorter than the others are left out: the heap then reflects deployment and
 * teardown; so are intervals before the first collection), with the slope's standard error as its noise. A slope
 * within two standard errors of zero is growth the samples cannot tell from noise.
 *
 * @param samples heap samples used
 * @param slopeMbPerHour slope, MiB per hour
 * @param slopeStdErrMbPerHour its standard error, MiB per hour (NaN with fewer than 3 samples)
 * @param residualSdMb standard deviation of the samples around the line, MiB
 * @param firstMb first steady sample, MiB
 * @param lastMb last steady sample, MiB
 */
public record HeapTrend(
        int samples,
        double slopeMbPerHour,
        double slopeStdErrMbPerHour,
        double residualSdMb,
        double firstMb,
        double lastMb) {

    /** Within noise: |slope| <= 2 standard errors (false when there are too few samples to tell). */
    public boolean withinNoise() {
        return Double.isFinite(slopeStdErrMbPerHour) && Math.abs(slopeMbPerHour) <= 2 * slopeStdErrMbPerHour;
    }

    /** The trend of the steady intervals of a soak. */
    public static HeapTrend of(List<SoakBenchmark.Interval> intervals) {
        List<SoakBenchmark.Interval> steady =
                intervals.stream().filter(i -> !i.startup()).toList();
        if (steady.size() >= 3) {
            // the last interval ends with the job, when sources finish and tasks are torn down
            steady = steady.subList(0, steady.size() - 1);
        }
        SimpleRegression r = new SimpleRegression();
        // NaN: no collection had happened yet
        steady = steady.stream().filter(i -> Double.isFinite(i.heapAfterGcMb())).toList();
        for (SoakBenchmark.Interval i : steady) {
            r.addData(i.endSeconds() / 3600, i.heapAfterGcMb());
        }
        if (steady.isEmpty()) {
            return new HeapTrend(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double sd = steady.size() > 2 ? Math.sqrt(r.getMeanSquareError()) : Double.NaN;
        return new HeapTrend(
                steady.size(),
                r.getSlope(),
                steady.size() > 2 ? r.getSlopeStdErr() : Double.NaN,
                sd,
                steady.get(0).heapAfterGcMb(),
                steady.get(steady.size() - 1).heapAfterGcMb());
    }
}
