package org.neuroloop.ingest.recording;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Maps a stream's timestamps onto the recording computer's clock from its XDF ClockOffset measurements, as
 * pyxdf's {@code _clock_sync} (and LabRecorder's MATLAB importer) do.
 *
 * <p>Model: within a clock segment, {@code offset(t) = a + b * t}, fitted to the (collection time, offset value)
 * pairs with the robust Huber regression pyxdf uses ({@link #robustFit}, ADMM, winsorising residuals above
 * {@code winsor} seconds); each timestamp becomes {@code t + a + b * t}.
 *
 * <p>Clock resets (the sending computer restarted): a reset lies between measurements {@code i} and {@code i+1}
 * when both the measurement interval and the offset change are outliers ({@code > 5} MADs and {@code > 5 s} past
 * the median interval; {@code > 10} MADs and {@code > 1 s} past the median offset change), exactly pyxdf's
 * thresholds. The measurements are then split into segments, MATLAB-style {@code [0, i], [i+1, ...]} (pyxdf's
 * row-major reshape of the same indices mixes segment ends, and it applies each fit to a slice of sample
 * indices; we apply each segment's fit to the samples recorded while that segment was current, choosing
 * between the two segments around a sample by which one's measurement times are nearer the sample's time).
 */
final class XdfClockSync {
    static final double RESET_THRESHOLD_STDS = 5;
    static final double RESET_THRESHOLD_SECONDS = 5;
    static final double RESET_THRESHOLD_OFFSET_STDS = 10;
    static final double RESET_THRESHOLD_OFFSET_SECONDS = 1;
    static final double WINSOR = 0.0001;

    /** Corrected timestamps and the sample indices where a new clock segment starts. */
    record Result(double[] timestamps, int[] gapStarts) {}

    private XdfClockSync() {}

    /**
     * @param ts raw timestamps
     * @param clockTimes collection times of the ClockOffset chunks, in file order
     * @param clockValues offset values of the ClockOffset chunks
     * @param offsetsBefore for each sample, how many ClockOffset chunks of its stream preceded it in the file
     */
    static Result synchronize(
            double[] ts, double[] clockTimes, double[] clockValues, int[] offsetsBefore, boolean handleResets) {
        int n = clockTimes.length;
        if (ts.length == 0 || n == 0) {
            return new Result(ts.clone(), new int[0]);
        }
        List<int[]> ranges = handleResets && n > 1 ? segments(clockTimes, clockValues) : List.of(new int[] {0, n - 1});
        double[][] coef = new double[ranges.size()][];
        for (int r = 0; r < ranges.size(); r++) {
            int a = ranges.get(r)[0];
            int b = ranges.get(r)[1];
            coef[r] = a == b
                    ? new double[] {clockValues[a], 0}
                    : robustFit(Arrays.copyOfRange(clockTimes, a, b + 1), Arrays.copyOfRange(clockValues, a, b + 1));
        }
        double[] out = new double[ts.length];
        if (ranges.size() == 1) {
            for (int i = 0; i < ts.length; i++) {
                out[i] = ts[i] + coef[0][0] + coef[0][1] * ts[i];
            }
            return new Result(out, new int[0]);
        }
        int[] rangeOf = new int[n];
        for (int r = 0; r < ranges.size(); r++) {
            for (int k = ranges.get(r)[0]; k <= ranges.get(r)[1]; k++) {
                rangeOf[k] = r;
            }
        }
        List<Integer> gaps = new ArrayList<>();
        int prevRange = -1;
        for (int i = 0; i < ts.length; i++) {
            int before = rangeOf[Math.max(0, Math.min(n - 1, offsetsBefore[i] - 1))];
            int after = rangeOf[Math.min(n - 1, offsetsBefore[i])];
            int r = before;
            if (after != before) {
                double db = distance(ts[i], clockTimes[ranges.get(before)[0]], clockTimes[ranges.get(before)[1]]);
                double da = distance(ts[i], clockTimes[ranges.get(after)[0]], clockTimes[ranges.get(after)[1]]);
                r = da < db ? after : before;
            }
            if (prevRange >= 0 && r != prevRange) {
                gaps.add(i);
            }
            prevRange = r;
            out[i] = ts[i] + coef[r][0] + coef[r][1] * ts[i];
        }
        return new Result(out, gaps.stream().mapToInt(Integer::intValue).toArray());
    }

    private static double distance(double t, double lo, double hi) {
        return t < lo ? lo - t : t > hi ? t - hi : 0;
    }

    /** Inclusive index ranges of ClockOffset measurements between detected clock resets. */
    static List<int[]> segments(double[] times, double[] values) {
        int n = times.length;
        double[] dt = new double[n - 1];
        double[] dv = new double[n - 1];
        for (int i = 0; i < n - 1; i++) {
            dt[i] = times[i + 1] - times[i];
            dv[i] = Math.abs(values[i + 1] - values[i]);
        }
        double medianIval = median(dt);
        double medianSlope = median(dv);
        double madT = mad(dt, medianIval) + Math.ulp(1.0);
        double madV = mad(dv, medianSlope) + Math.ulp(1.0);
        List<int[]> ranges = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < n - 1; i++) {
            boolean timeGlitch = dt[i] < 0
                    || ((dt[i] - medianIval) / madT > RESET_THRESHOLD_STDS
                            && dt[i] - medianIval > RESET_THRESHOLD_SECONDS);
            boolean valueGlitch = dv[i] < 0
                    || ((dv[i] - medianSlope) / madV > RESET_THRESHOLD_OFFSET_STDS
                            && dv[i] - medianSlope > RESET_THRESHOLD_OFFSET_SECONDS);
            if (timeGlitch && valueGlitch) {
                ranges.add(new int[] {start, i});
                start = i + 1;
            }
        }
        ranges.add(new int[] {start, n - 1});
        return ranges;
    }

    /**
     * Robust linear fit {@code value = a + b * time} with the Huber loss, solved by ADMM exactly as pyxdf's
     * {@code _robust_fit} (rho = 1, 1000 iterations; Boyd et al., "Distributed optimization and statistical
     * learning via ADMM", 2011), on values and times scaled by {@code 1 / WINSOR}.
     *
     * @return {@code {a, b}}
     */
    static double[] robustFit(double[] times, double[] values) {
        int n = times.length;
        double[] x1 = new double[n];
        double[] y = new double[n];
        double offset = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            x1[i] = times[i] / WINSOR;
            offset = Math.min(offset, x1[i]);
            y[i] = values[i] / WINSOR;
        }
        for (int i = 0; i < n; i++) {
            x1[i] -= offset;
        }
        // A = [1, x1]; normal matrix and A^T y
        double s00 = n;
        double s01 = 0;
        double s11 = 0;
        double aty0 = 0;
        double aty1 = 0;
        for (int i = 0; i < n; i++) {
            s01 += x1[i];
            s11 += x1[i] * x1[i];
            aty0 += y[i];
            aty1 += x1[i] * y[i];
        }
        double det = s00 * s11 - s01 * s01;
        if (!(det > 0)) {
            // all measurements at one time: no slope can be fitted
            return new double[] {aty0 / n * WINSOR, 0};
        }
        double rho = 1;
        double[] z = new double[n];
        double[] u = new double[n];
        double c0 = 0;
        double c1 = 0;
        for (int it = 0; it < 1000; it++) {
            double r0 = aty0;
            double r1 = aty1;
            for (int i = 0; i < n; i++) {
                double w = z[i] - u[i];
                r0 += w;
                r1 += x1[i] * w;
            }
            c0 = (s11 * r0 - s01 * r1) / det;
            c1 = (s00 * r1 - s01 * r0) / det;
            for (int i = 0; i < n; i++) {
                double d = c0 + c1 * x1[i] - y[i] + u[i];
                double dInv = d != 0 ? 1 / d : 0;
                double tmp = Math.max(0, 1 - (1 + 1 / rho) * Math.abs(dInv));
                z[i] = rho / (1 + rho) * d + 1 / (1 + rho) * tmp * d;
                u[i] = d - z[i];
            }
        }
        c0 -= c1 * offset;
        return new double[] {c0 * WINSOR, c1};
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    private static double mad(double[] v, double center) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = Math.abs(v[i] - center);
        }
        return median(d);
    }
}
