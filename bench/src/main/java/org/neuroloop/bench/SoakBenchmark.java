package org.neuroloop.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.neuroloop.deploy.config.ConfigResolver;
import org.neuroloop.deploy.config.ResolvedConfig;

/**
 * A long run at a fixed load: N synthetic sessions paced in real time through the same job as
 * {@link ScaleBenchmark} (the shipped spindle-stimulation pipeline on one embedded MiniCluster) for M minutes,
 * measured every interval while it runs, to show what only time shows: a heap that grows, a lag that creeps up,
 * samples that go missing.
 *
 * <p>Every interval: the heap after garbage collection, read from the collections the JVM made on its own in the
 * interval ({@link HeapAfterGc}: the soak never forces one, whose pause would stall the pipeline it measures), the
 * chunk lags of the interval (p50/p99/max, {@link ChunkLagProbe#live}), samples seen, lost and
 * duplicated at the end of the job ({@link SoakMeter}), and process CPU per session-second. The first
 * {@code warmup} seconds (job deployment and the start-up backlog of the paced sources) are reported apart and
 * left out of the overall figures. At the end the samples seen are compared with those the sources produce (every
 * session's {@code totalSamples}), and the heap's trend is a least-squares line over the steady samples
 * ({@link HeapTrend}).
 */
public final class SoakBenchmark {

    /**
     * @param sessions concurrent sessions
     * @param channels EEG channels per session
     * @param rate sampling rate, Hz
     * @param chunkSamples samples per chunk
     * @param minutes length of every session
     * @param intervalSeconds measuring interval (heap sample, lag percentiles)
     * @param warmupSeconds start-up window after submission, reported apart
     * @param parallelism MiniCluster slots and job parallelism
     * @param lagBoundMs p99 chunk lag every steady interval must stay under, ms
     */
    public record Settings(
            int sessions,
            int channels,
            double rate,
            int chunkSamples,
            double minutes,
            double intervalSeconds,
            double warmupSeconds,
            int parallelism,
            double lagBoundMs) {
        public Settings {
            if (sessions < 1) {
                throw new IllegalArgumentException("--sessions must be >= 1, got " + sessions);
            }
            if (!(minutes > 0)) {
                throw new IllegalArgumentException("--minutes must be > 0, got " + minutes);
            }
            if (!(intervalSeconds >= 1)) {
                throw new IllegalArgumentException("--interval-seconds must be >= 1, got " + intervalSeconds);
            }
            if (!(warmupSeconds >= 0) || warmupSeconds + intervalSeconds > minutes * 60) {
                throw new IllegalArgumentException("--warmup (" + warmupSeconds + " s) plus one interval ("
                        + intervalSeconds + " s) must fit in --minutes (" + minutes * 60 + " s)");
            }
            if (!(lagBoundMs > 0)) {
                throw new IllegalArgumentException("--lag-bound-ms must be > 0, got " + lagBoundMs);
            }
        }

        double seconds() {
            return minutes * 60;
        }
    }

    /**
     * One measuring interval.
     *
     * @param endSeconds end of the interval, seconds since the job was submitted
     * @param heapAfterGcMb lowest heap in use after a collection that ended in the interval, MiB
     *     ({@link HeapAfterGc.Reading#heapMb()})
     * @param collections collections that ended in the interval
     * @param gcPauseMs longest stop-the-world pause among them, ms
     * @param samplesLost samples skipped in the sequence within the interval
     * @param samplesDuplicated samples that arrived a second time within the interval
     * @param cpuSecondsPerSessionSecond process CPU in the interval / (sessions x interval length)
     */
    public record Interval(
            boolean startup,
            double endSeconds,
            double heapAfterGcMb,
            int collections,
            double gcPauseMs,
            double p50LagMs,
            double p99LagMs,
            double maxLagMs,
            long chunks,
            long samples,
            long samplesLost,
            long samplesDuplicated,
            double cpuSecondsPerSessionSecond,
            double loadAverage) {}

    /**
     * The whole run.
     *
     * @param completed every session ran to its end (false: the job failed or was cancelled for running over)
     * @param samplesProduced samples the sources produce (sessions x duration x rate)
     * @param samplesSeen distinct samples that reached the probe
     * @param samplesLost produced but never seen, gaps included
     * @param p50LagMs median chunk lag after the start-up window
     * @param startupMaxLagMs largest lag in the start-up window
     * @param cpuSecondsPerSessionSecond process CPU after the start-up window / session-seconds in it
     */
    public record Result(
            Settings settings,
            List<Interval> intervals,
            boolean completed,
            String failure,
            long samplesProduced,
            long samplesSeen,
            long samplesLost,
            long samplesDuplicated,
            double p50LagMs,
            double p99LagMs,
            double maxLagMs,
            double startupMaxLagMs,
            double cpuSecondsPerSessionSecond,
            HeapTrend heap,
            List<String> collectors,
            double wallSeconds) {}

    private final Settings settings;
    private final Consumer<String> progress;

    public SoakBenchmark(Settings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /** Runs the soak and returns its measurements. */
    public Result run() throws Exception {
        Settings s = settings;
        double seconds = s.seconds();
        ScaleBenchmark.Settings scale = new ScaleBenchmark.Settings(
                s.channels(), s.rate(), s.chunkSamples(), seconds, 0, 100, s.parallelism(), seconds, s.sessions());
        String meterName = "soak-" + UUID.randomUUID();
        SoakMeter meter = SoakMeter.open(meterName);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (ScaleBenchmark bench = new ScaleBenchmark(scale);
                HeapAfterGc gcs = new HeapAfterGc()) {
            ResolvedConfig config =
                    new ConfigResolver("bench soak", Path.of(".")).resolve(bench.config(s.sessions(), seconds));
            MiniCluster mini = bench.cluster(config);
            JobID id = mini.submitJob(ScaleBenchmark.graph(config, ChunkLagProbe.live(meterName)))
                    .get()
                    .getJobID();
            long t0 = System.nanoTime();
            double cpu0 = os.getProcessCpuTime() / 1e9;
            CompletableFuture<JobResult> done = mini.requestJobResult(id);
            double limit = seconds + Math.max(60, seconds / 2);
            List<Interval> intervals = new ArrayList<>();
            Histogram steady = null;
            double steadyCpu = 0;
            double steadySeconds = 0;
            double tickCpu = cpu0;
            double tickTime = 0;
            long seenBefore = 0;
            long lostBefore = 0;
            long dupBefore = 0;
            String failure = null;
            boolean finished = false;
            while (!finished) {
                double next = intervals.isEmpty() ? s.warmupSeconds() : tickTime + s.intervalSeconds();
                double wait = next - (System.nanoTime() - t0) / 1e9;
                try {
                    JobResult r = done.get(Math.max(0, Math.round(wait * 1000)), TimeUnit.MILLISECONDS);
                    finished = true;
                    if (!r.isSuccess()) {
                        failure = r.getSerializedThrowable()
                                .map(Throwable::toString)
                                .orElse("job failed");
                    }
                } catch (TimeoutException e) {
                    if ((System.nanoTime() - t0) / 1e9 > limit) {
                        mini.cancelJob(id).get();
                        done.get();
                        finished = true;
                        failure = "not done after " + limit + " s, cancelled";
                    }
                }
                HeapAfterGc.Reading heap = gcs.take();
                double now = (System.nanoTime() - t0) / 1e9;
                double cpuNow = os.getProcessCpuTime() / 1e9;
                Histogram lags = meter.intervalLags();
                long seen = meter.samplesSeen();
                long lost = meter.samplesLostInGaps();
                long dup = meter.samplesDuplicated();
                double span = now - tickTime;
                boolean startup = intervals.isEmpty() && s.warmupSeconds() > 0;
                Interval iv = new Interval(
                        startup,
                        now,
                        heap.heapMb(),
                        heap.collections(),
                        heap.maxPauseMs(),
                        ms(lags, 50),
                        ms(lags, 99),
                        lags.getTotalCount() == 0 ? Double.NaN : lags.getMaxValue() / 1000.0,
                        lags.getTotalCount(),
                        seen - seenBefore,
                        lost - lostBefore,
                        dup - dupBefore,
                        (cpuNow - tickCpu) / (s.sessions() * span),
                        os.getSystemLoadAverage());
                if (!finished || lags.getTotalCount() > 0) {
                    intervals.add(iv);
                    progress.accept(line(iv, seen, lost + dup));
                }
                if (!startup) {
                    if (steady == null) {
                        steady = lags.copy();
                    } else {
                        steady.add(lags);
                    }
                    steadyCpu += cpuNow - tickCpu;
                    steadySeconds += span;
                }
                tickTime = now;
                tickCpu = cpuNow;
                seenBefore = seen;
                lostBefore = lost;
                dupBefore = dup;
            }
            long produced = s.sessions() * Math.round(seconds * s.rate());
            long dup = meter.samplesDuplicated();
            long distinct = meter.samplesSeen() - dup;
            boolean completed = failure == null;
            Histogram overall = steady == null ? new Histogram(3) : steady;
            double startupMax = intervals.isEmpty() || !intervals.get(0).startup()
                    ? 0
                    : intervals.get(0).maxLagMs();
            return new Result(
                    s,
                    intervals,
                    completed,
                    failure,
                    produced,
                    distinct,
                    produced - distinct,
                    dup,
                    ms(overall, 50),
                    ms(overall, 99),
                    overall.getTotalCount() == 0 ? Double.NaN : overall.getMaxValue() / 1000.0,
                    startupMax,
                    steadySeconds > 0 ? steadyCpu / (s.sessions() * steadySeconds) : Double.NaN,
                    HeapTrend.of(intervals),
                    gcs.collectors(),
                    (System.nanoTime() - t0) / 1e9);
        } finally {
            SoakMeter.close(meterName);
        }
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    private String line(Interval iv, long seen, long broken) {
        return String.format(
                Locale.ROOT,
                "soak%s %.2f/%.2f min: heap after GC %.1f MiB (%d GCs, longest pause %.0f ms), lag p50 %.1f"
                        + " p99 %.1f max %.1f ms, %d samples seen, %d lost or twice, %.5f CPU s/session-s, load %.2f",
                iv.startup() ? " start-up" : "",
                iv.endSeconds() / 60,
                settings.minutes(),
                iv.heapAfterGcMb(),
                iv.collections(),
                iv.gcPauseMs(),
                iv.p50LagMs(),
                iv.p99LagMs(),
                iv.maxLagMs(),
                seen,
                broken,
                iv.cpuSecondsPerSessionSecond(),
                iv.loadAverage());
    }
}
