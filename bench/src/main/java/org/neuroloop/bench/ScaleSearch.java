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
    /** Growth factor of the ramp: x4 reaches hundreds of sessions in a few steps, bisection then narrows it. */
    static final int RAMP = 4;

    /**
     * Ramps N = 1, 4, 16, ... while the job keeps up, then bisects between the last N that kept up and the first
     * that did not, within {@link ScaleBenchmark.Settings#budgetSeconds()} of wall time. The ramp follows keeping
     * up, not the p99
     * bound: on a shared machine the p99 is set by preemption from other processes and is not monotone in N, so it
     * is reported per step and the largest N that met it is taken from the steps tried.
     */
    public static ScaleSearch run(ScaleBenchmark bench) throws Exception {
        ScaleBenchmark.Settings settings = bench.settings();
        long t0 = System.nanoTime();
        List<ScaleStep> steps = new ArrayList<>();
        int pass = 0;
        int fail = Integer.MAX_VALUE;
        int next = 1;
        double lastWall = settings.seconds() + 5;
        boolean exhausted = false;
        while (next > pass && next < fail && next <= settings.maxSessions()) {
            double elapsed = (System.nanoTime() - t0) / 1e9;
            if (elapsed + lastWall > settings.budgetSeconds()) {
                exhausted = true;
                break;
            }
            ScaleStep s = bench.run(next);
            steps.add(s);
            lastWall = s.wallSeconds();
            boolean marginal = s.samplesSeen() >= 0 && s.tailLagMs() < 10 * settings.lagBoundMs();
            if (!s.keepsUp() && marginal && (System.nanoTime() - t0) / 1e9 + lastWall <= settings.budgetSeconds()) {
                // other processes on a shared machine can stall this one for a while: a near miss is retried once
                s = bench.run(next);
                steps.add(s);
            }
            if (s.keepsUp()) {
                pass = next;
            } else {
                fail = next;
            }
            next = fail == Integer.MAX_VALUE ? Math.min(RAMP * pass, settings.maxSessions()) : pass + (fail - pass) / 2;
        }
        int realtime = steps.stream()
                .filter(ScaleStep::realtime)
                .mapToInt(ScaleStep::sessions)
                .max()
                .orElse(0);
        return new ScaleSearch(steps, pass, realtime, exhausted);
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
