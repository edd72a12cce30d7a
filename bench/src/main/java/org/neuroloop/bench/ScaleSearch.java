package org.neuroloop.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The steps of a {@code bench scale} search, in the order tried, and how they were chosen ({@link #run}); plus the
 * CPU line fitted through them ({@link #cpuLine}).
 *
 * @param maxSustainedSessions largest N that kept up (no backlog), the throughput limit
 * @param maxRealtimeSessions largest N tried that also kept its p99 lag within the bound (0 if none)
 * @param budgetExhausted the search stopped because its time budget was spent
 */
public record ScaleSearch(
        List<ScaleStep> steps, int maxSustainedSessions, int maxRealtimeSessions, boolean budgetExhausted) {
    /** Growth factor of the ramp when a step used little of the cores: x4 reaches hundreds of sessions quickly. */
    static final int RAMP = 4;
    /** Smallest growth factor after a real-time step: near the boundary, steps of 10 %. */
    static final double MIN_GROWTH = 1.1;
    /** The first step: large enough that its CPU predicts the boundary, small enough to be real time anywhere. */
    static final int CALIBRATION = 256;
    /** The search stops when the real-time boundary lies within this fraction of the largest real-time N. */
    static final double PRECISION = 0.05;
    /** Share of the cores a predicted step aims to use (the rest absorbs the collector and the lag tail). */
    static final double TARGET_LOAD = 0.9;

    /** Runs one step of N sessions. */
    @FunctionalInterface
    public interface Steps {
        ScaleStep run(int sessions) throws Exception;
    }

    /** {@link #run(ScaleBenchmark.Settings, Steps)} on {@code bench}. */
    public static ScaleSearch run(ScaleBenchmark bench) throws Exception {
        return run(bench.settings(), bench::run);
    }

    /**
     * Searches the real-time boundary, within {@link ScaleBenchmark.Settings#budgetSeconds()} of wall time: a
     * {@value #CALIBRATION}-session step first; while every step is real time, the next N is where the last step's
     * CPU per session would fill {@value #TARGET_LOAD} of the cores (at least x{@value #MIN_GROWTH}, at most
     * x{@value #RAMP}); then bisection between the largest N that was real time and the smallest that was not,
     * until they lie within {@value #PRECISION} of each other. A first step that is not real time ramps down by
     * x{@value #RAMP}. The bisection follows the real-time verdict (p99 and tail lag), so the budget is spent at the
     * boundary that is reported; the largest N that kept up is reported from the steps tried.
     */
    public static ScaleSearch run(ScaleBenchmark.Settings settings, Steps runner) throws Exception {
        long t0 = System.nanoTime();
        List<ScaleStep> steps = new ArrayList<>();
        int pass = 0;
        int fail = Integer.MAX_VALUE;
        int sustained = 0;
        int next = Math.min(CALIBRATION, settings.maxSessions());
        double lastWall = settings.seconds() + 5;
        boolean exhausted = false;
        while (next > 0) {
            double elapsed = (System.nanoTime() - t0) / 1e9;
            if (elapsed + lastWall > settings.budgetSeconds()) {
                exhausted = true;
                break;
            }
            ScaleStep s = runner.run(next);
            steps.add(s);
            lastWall = s.wallSeconds();
            if (s.keepsUp()) {
                sustained = Math.max(sustained, next);
            }
            if (s.realtime()) {
                pass = Math.max(pass, next);
            } else {
                fail = Math.min(fail, next);
            }
            next = next(settings, s, pass, fail);
        }
        return new ScaleSearch(steps, sustained, pass, exhausted);
    }

    /** The next N to try after {@code last}, or 0 when the boundary is found (or cannot be narrowed). */
    static int next(ScaleBenchmark.Settings settings, ScaleStep last, int pass, int fail) {
        int max = settings.maxSessions();
        if (pass == 0) {
            // nothing real time yet: ramp down
            int down = fail / RAMP;
            return down >= 1 && down < fail ? down : 0;
        }
        if (fail == Integer.MAX_VALUE) {
            if (pass >= max) {
                return 0;
            }
            double growth = RAMP;
            if (last.realtime() && last.coresUsed() > 0) {
                growth = TARGET_LOAD * settings.parallelism() / last.coresUsed();
            }
            growth = Math.max(MIN_GROWTH, Math.min(RAMP, growth));
            return Math.min(max, Math.max(pass + 1, round(pass * growth)));
        }
        if (fail - pass <= Math.max(1, PRECISION * pass)) {
            return 0;
        }
        int mid = round(pass + (fail - pass) / 2.0);
        return mid > pass && mid < fail ? mid : pass + (fail - pass) / 2;
    }

    /** N rounded to a multiple of 16 from 64 sessions on (figures read more easily), of 1 below. */
    static int round(double n) {
        return n < 64 ? (int) Math.round(n) : 16 * (int) Math.round(n / 16);
    }

    /**
     * CPU cost of the sessions themselves: least-squares line {@code cpuSeconds = fixed + perSessionSecond * N * T}
     * over all steps (T the session length; every step processes all its data, in time or late). The intercept is
     * the cost of a job regardless of its sessions (deployment, heartbeats, checkpoints); the slope, CPU seconds per
     * session-second, is what one more session costs. With one distinct N the slope is that step's CPU per
     * session-second, fixed cost included.
     *
     * @return {fixed CPU seconds per job, CPU seconds per session-second}
     */
    public static double[] cpuLine(List<ScaleStep> all) {
        // a cancelled step did only part of its work
        List<ScaleStep> steps =
                all.stream().filter(s -> s.samplesSeen() == s.samplesExpected()).toList();
        if (steps.isEmpty()) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double n = steps.size();
        double mx = steps.stream()
                        .mapToDouble(s -> s.sessions() * s.sessionSeconds())
                        .sum()
                / n;
        double my = steps.stream().mapToDouble(ScaleStep::cpuSeconds).sum() / n;
        double sxx = 0;
        double sxy = 0;
        for (ScaleStep s : steps) {
            double x = s.sessions() * s.sessionSeconds();
            sxx += (x - mx) * (x - mx);
            sxy += (x - mx) * (s.cpuSeconds() - my);
        }
        if (sxx == 0) {
            return new double[] {0, my / mx};
        }
        double slope = sxy / sxx;
        return new double[] {my - slope * mx, slope};
    }
}
