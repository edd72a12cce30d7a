package org.neuroloop.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One step of {@code bench scale}: N sessions for {@code sessionSeconds}, summarised from every chunk's lag
 * ({@link #summarize}).
 *
 * @param sessionSeconds length of every session
 * @param p50LagMs median chunk lag over the steady window, all sessions
 * @param p99LagMs 99th percentile of the same
 * @param maxLagMs largest lag in the steady window
 * @param tailLagMs largest per-session mean lag over each session's last 10 % of steady chunks
 * @param startupLagMs largest lag before the steady window (start-up backlog), for information
 * @param catchUpSeconds from the first processed chunk until every session's lag was within the bound
 *                       (NaN: some session never caught up)
 * @param cpuSeconds process CPU seconds of the whole job (deployment to end)
 * @param coresUsed process CPU per second in the steady window (how much CPU the job got)
 * @param samplesExpected samples all sessions should deliver
 * @param samplesSeen samples that reached the probe; -1 when the step was cancelled for running over
 *                    {@code 1.5 * seconds + 15} s (then lags are NaN and the step neither keeps up nor is real time)
 * @param keepsUp every session caught up after start-up and its tail lag stayed within the bound (throughput)
 * @param realtime keeps up and the p99 lag stayed within the bound
 * @param heapBaselineMb live heap of the idle, warm cluster before the job, MiB
 * @param heapLiveMb live heap (smallest used heap) over the last third of the steady window, MiB
 * @param heapGrowthMb live heap at the end of the steady window minus at its start, MiB (flat: about 0)
 */
public record ScaleStep(
        int sessions,
        double sessionSeconds,
        double p50LagMs,
        double p99LagMs,
        double maxLagMs,
        double tailLagMs,
        double startupLagMs,
        double catchUpSeconds,
        double cpuSeconds,
        double coresUsed,
        double steadySeconds,
        long chunksMeasured,
        long samplesExpected,
        long samplesSeen,
        double wallSeconds,
        boolean keepsUp,
        boolean realtime,
        double heapBaselineMb,
        double heapLiveMb,
        double heapGrowthMb) {
    private static final Logger LOG = LoggerFactory.getLogger(ScaleStep.class);
    private static final double MB = 1024.0 * 1024.0;

    /** A step cancelled for running over its time limit: nothing measured but the CPU it took. */
    static ScaleStep cancelled(int sessions, double seconds, long expected, double cpuSeconds, double wall) {
        return new ScaleStep(
                sessions,
                seconds,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                cpuSeconds,
                Double.NaN,
                0,
                0,
                expected,
                -1,
                wall,
                false,
                false,
                Double.NaN,
                Double.NaN,
                Double.NaN);
    }

    /** Process CPU seconds per session-second of data, fixed costs included: {@code cpuSeconds / (N * seconds)}. */
    public double cpuSecondsPerSessionSecond() {
        return cpuSeconds / (sessions * sessionSeconds);
    }

    /** Live heap the sessions added over the idle cluster, per session, KiB. */
    public double heapPerSessionKb() {
        return (heapLiveMb - heapBaselineMb) * 1024 / sessions;
    }

    static ScaleStep summarize(
            ScaleBenchmark.Settings settings,
            int sessions,
            double seconds,
            Map<String, LagSeries.Series> lags,
            ResourceSampler cpu,
            double heapBaseline,
            double wall) {
        long expected = sessions * Math.round(seconds * settings.rate());
        double first = Double.POSITIVE_INFINITY;
        double last = Double.NEGATIVE_INFINITY;
        long seen = 0;
        for (LagSeries.Series s : lags.values()) {
            seen += s.samples();
            for (int i = 0; i < s.size(); i++) {
                first = Math.min(first, s.arrival(i));
                last = Math.max(last, s.arrival(i));
            }
        }
        if (lags.size() != sessions || seen != expected) {
            throw new IllegalStateException("bench scale: " + sessions + " session(s) should deliver " + expected
                    + " samples, the job processed " + seen + " from " + lags.size() + " session(s)");
        }
        // a session's start-up backlog has drained once one of its chunks arrives within the bound
        double bound = settings.lagBoundMs() / 1000;
        double caughtUp = first;
        boolean allCaughtUp = true;
        for (LagSeries.Series s : lags.values()) {
            int i = 0;
            while (i < s.size() && s.lag(i) > bound) {
                i++;
            }
            if (i == s.size()) {
                allCaughtUp = false;
            } else {
                caughtUp = Math.max(caughtUp, s.arrival(i));
            }
        }
        double from = (allCaughtUp ? caughtUp : first) + settings.warmupSeconds();
        // steady chunks: those after `from`; a session with none (run too short) contributes its last 10 %
        List<double[]> perSession = new ArrayList<>();
        double startup = 0;
        double windowStart = Double.POSITIVE_INFINITY;
        boolean fullWindow = true;
        int steady = 0;
        for (LagSeries.Series s : lags.values()) {
            int begin = 0;
            while (begin < s.size() && s.arrival(begin) < from) {
                startup = Math.max(startup, s.lag(begin));
                begin++;
            }
            if (begin == s.size()) {
                fullWindow = false;
                begin = s.size() - Math.max(1, s.size() / 10);
            }
            double[] w = new double[s.size() - begin];
            for (int i = begin; i < s.size(); i++) {
                w[i - begin] = s.lag(i);
            }
            windowStart = Math.min(windowStart, s.arrival(begin));
            perSession.add(w);
            steady += w.length;
        }
        double[] all = new double[steady];
        double tail = 0;
        int k = 0;
        for (double[] w : perSession) {
            System.arraycopy(w, 0, all, k, w.length);
            k += w.length;
            int tailN = Math.max(1, w.length / 10);
            double sum = 0;
            for (int i = w.length - tailN; i < w.length; i++) {
                sum += w[i];
            }
            tail = Math.max(tail, sum / tailN);
        }
        Arrays.sort(all);
        double window = last - windowStart;
        double coresUsed = window > 0 ? cpu.between(windowStart, last) / window : Double.NaN;
        double p99 = percentile(all, 0.99) * 1000;
        double tailMs = tail * 1000;
        boolean keepsUp = allCaughtUp && fullWindow && tailMs <= settings.lagBoundMs();
        boolean realtime = keepsUp && p99 <= settings.lagBoundMs();
        // live heap: early in the steady window, and in its last third (a growing heap would differ)
        double live = cpu.minHeap(windowStart, windowStart + window / 3);
        double liveEnd = cpu.minHeap(last - window / 3, last);
        ScaleStep step = new ScaleStep(
                sessions,
                seconds,
                percentile(all, 0.5) * 1000,
                p99,
                all[all.length - 1] * 1000,
                tailMs,
                startup * 1000,
                allCaughtUp ? caughtUp - first : Double.NaN,
                cpu.total(),
                coresUsed,
                window,
                steady,
                expected,
                seen,
                wall,
                keepsUp,
                realtime,
                heapBaseline / MB,
                liveEnd / MB,
                (liveEnd - live) / MB);
        LOG.info("bench scale: {}", step);
        return step;
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
