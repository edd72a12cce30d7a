package org.neuroloop.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.neuroloop.deploy.config.ConfigResolver;
import org.neuroloop.deploy.config.FlinkSpec;
import org.neuroloop.deploy.job.NeuroLoopJob;
import org.neuroloop.deploy.config.PipelineSpec;
import org.neuroloop.deploy.config.ReplayConfigs;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.deploy.config.SessionConfig;
import org.neuroloop.deploy.job.SessionStreams;
import org.neuroloop.deploy.config.SessionSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many concurrent real-time sessions one embedded MiniCluster sustains: the NeuroLoop job built from a session
 * config (the shipped spindle-stimulation pipeline: bad-data flags, a causal band-pass, the spindle detector and
 * the stimulation policy, live mode) runs N synthetic sessions paced in real time for a bounded time, and every
 * processed chunk's lag (processing time minus its newest sample's time, {@link ChunkLagProbe}) is recorded.
 *
 * <p>A step with N sessions is <em>real time</em> when the p99 lag over the steady window stays at or below the
 * bound and the job keeps up: every session's mean lag over the last 10 % of its chunks also stays below the
 * bound (a growing backlog ends high). A paced synthetic session starts "now" when the job is built and emits the
 * data due during job deployment at once, so its first chunks carry the start-up time, not the steady-state lag:
 * the steady window starts {@code warmup} seconds after every session has caught up (one chunk within the bound);
 * a session that never catches up fails the step. All steps run on one MiniCluster, started (and warmed by a short
 * one-session job) before the first measured step. CPU is the process CPU time
 * ({@code com.sun.management.OperatingSystemMXBean#getProcessCpuTime}) over the steady window divided by the
 * session-seconds in it; it includes the synthetic generator, which stands in for the LSL inlet.
 *
 * <p>{@link #search} ramps N = 1, 4, 16, ... while the job keeps up, then bisects, stopping when the time budget
 * is spent; a step that just misses (tail lag under 10x the bound) is run once more before N counts as too many,
 * and a step still running 1.5 x its length + 15 s after submission is cancelled and counts as too many; {@link #cpuLine} splits the CPU into the cluster's fixed cost and the cost per session.
 */
public final class ScaleBenchmark implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScaleBenchmark.class);
    /** Growth factor of the ramp: x4 reaches hundreds of sessions in a few steps, bisection then narrows it. */
    static final int RAMP = 4;

    /**
     * @param channels EEG channels per session
     * @param rate sampling rate, Hz
     * @param chunkSamples samples per chunk (the synthetic source's push size)
     * @param seconds length of each step's sessions
     * @param warmupSeconds unmeasured seconds after every session has caught up with its start-up backlog
     * @param lagBoundMs p99 lag bound for a step to count as real time
     * @param parallelism MiniCluster slots and job parallelism
     * @param budgetSeconds wall-clock budget of a {@link #search}
     * @param maxSessions largest N a search tries
     */
    public record Settings(int channels, double rate, int chunkSamples, double seconds, double warmupSeconds,
                           double lagBoundMs, int parallelism, double budgetSeconds, int maxSessions) {
        public Settings {
            if (channels < 1) {
                throw new IllegalArgumentException("--channels must be >= 1, got " + channels);
            }
            if (!(rate >= 80)) {
                throw new IllegalArgumentException("--rate must be >= 80 Hz (the pipeline band-passes 0.3-35 Hz), got " + rate);
            }
            if (chunkSamples < 1) {
                throw new IllegalArgumentException("--chunk-samples must be >= 1, got " + chunkSamples);
            }
            if (!(seconds > warmupSeconds) || warmupSeconds < 0) {
                throw new IllegalArgumentException("--seconds (" + seconds + ") must exceed --warmup (" + warmupSeconds + ") >= 0");
            }
            if (!(lagBoundMs > 0)) {
                throw new IllegalArgumentException("--lag-bound-ms must be > 0, got " + lagBoundMs);
            }
            if (parallelism < 1 || maxSessions < 1) {
                throw new IllegalArgumentException("--parallelism and --max-sessions must be >= 1");
            }
        }
    }

    /**
     * One step: N sessions for {@code seconds}.
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
     */
    public record Step(int sessions, double sessionSeconds, double p50LagMs, double p99LagMs, double maxLagMs, double tailLagMs,
                       double startupLagMs, double catchUpSeconds, double cpuSeconds, double coresUsed, double steadySeconds,
                       long chunksMeasured, long samplesExpected, long samplesSeen, double wallSeconds,
                       boolean keepsUp, boolean realtime) {

        /** Process CPU seconds per session-second of data, fixed costs included: {@code cpuSeconds / (N * seconds)}. */
        public double cpuSecondsPerSessionSecond() {
            return cpuSeconds / (sessions * sessionSeconds);
        }
    }

    private final Settings settings;
    private MiniCluster cluster;
    private boolean warm;

    public ScaleBenchmark(Settings settings) {
        this.settings = settings;
    }

    /**
     * The one MiniCluster all steps run on (1 TaskManager, {@code parallelism} slots, loopback only, REST on a free
     * port), started on first use: starting it takes seconds, which must not count as session time.
     */
    MiniCluster cluster(ResolvedConfig config) throws Exception {
        if (cluster == null) {
            Configuration c = NeuroLoopJob.flinkConfiguration(config.flink());
            c.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
            c.set(RestOptions.ADDRESS, "127.0.0.1");
            c.set(RestOptions.BIND_PORT, "0");
            MiniCluster m = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(c)
                    .setNumTaskManagers(1).setNumSlotsPerTaskManager(settings.parallelism())
                    .setCommonBindAddress("127.0.0.1").withRandomPorts().build());
            m.start();
            cluster = m;
        }
        return cluster;
    }

    /** Stops the MiniCluster. */
    @Override
    public void close() throws Exception {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    /** The session config of one step: N synthetic spindle sessions through the shipped spindle pipeline. */
    public SessionConfig config(int sessions, double seconds) {
        SessionConfig shipped = ReplayConfigs.shipped(ReplayConfigs.resourceOf("spindles"));
        List<SessionSpec> specs = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            specs.add(new SessionSpec(String.format("s%03d", i), null, null, new SessionSpec.SyntheticSpec("spindles",
                    settings.channels(), null, settings.rate(), seconds, (long) i + 1, settings.chunkSamples(), "realtime")));
        }
        PipelineSpec p = shipped.pipeline();
        // the shipped high-pass + notch replaced by a causal band-pass on every channel (0.3-35 Hz, Butterworth order 4,
        // i.e. 4 second-order sections); the detector still runs its own sigma band on its channel
        PipelineSpec pipeline = new PipelineSpec(p.quality(),
                List.of(new PipelineSpec.FilterSpec("bandpass", 0.3, 35.0, 4, null, null)),
                p.reference(), p.features(), p.classifier(), p.detector(), p.policy());
        // checkpoints stay on (as shipped) but in JobManager memory: no files left behind by a benchmark
        var checkpoint = shipped.flink().checkpoint() == null ? null
                : new FlinkSpec.CheckpointSpec(shipped.flink().checkpoint().intervalMs(), null);
        FlinkSpec flink = new FlinkSpec(settings.parallelism(), 0L, checkpoint, new FlinkSpec.RestartSpec("none", null, null));
        return new SessionConfig("bench-scale-" + sessions, specs, pipeline, List.of(), flink);
    }

    /** Runs one step with {@code sessions} concurrent sessions. */
    public Step run(int sessions) throws Exception {
        if (!warm) {
            // class loading and JIT of a cold JVM delay the first job's start by seconds: pay that off the record
            execute(1, Math.min(3, settings.seconds()));
            warm = true;
        }
        return execute(sessions, settings.seconds());
    }

    private Step execute(int sessions, double seconds) throws Exception {
        ConfigResolver v = new ConfigResolver("bench scale", Path.of("."));
        ResolvedConfig config = v.resolve(config(sessions, seconds));
        MiniCluster mini = cluster(config);
        JobGraph graph = graph(config, new ChunkLagProbe());
        CpuSampler cpu = new CpuSampler();
        long t0 = System.nanoTime();
        JobExecutionResult result;
        cpu.start();
        try {
            JobID id = mini.submitJob(graph).get().getJobID();
            // a step is bounded in time: a job that cannot keep up would otherwise run until its backlog drains
            double limit = seconds * 1.5 + 15;
            try {
                result = mini.requestJobResult(id).get(Math.round(limit * 1000), TimeUnit.MILLISECONDS)
                        .toJobExecutionResult(ScaleBenchmark.class.getClassLoader());
            } catch (TimeoutException e) {
                mini.cancelJob(id).get();
                mini.requestJobResult(id).get();
                cpu.stop();
                double wall = (System.nanoTime() - t0) / 1e9;
                LOG.info("bench scale: {} session(s) not done after {} s, cancelled", sessions, limit);
                return new Step(sessions, seconds, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        cpu.total(), Double.NaN, 0, 0, sessions * Math.round(seconds * settings.rate()), -1, wall, false, false);
            }
        } finally {
            cpu.stop();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        HashMap<String, LagSeries.Series> lags = result.getAccumulatorResult(ChunkLagProbe.ACCUMULATOR);
        return summarize(sessions, seconds, lags == null ? Map.of() : lags, cpu, wall);
    }

    /**
     * The job graph of a run: the NeuroLoop job built from {@code config} with {@code probe} on its processed chunks
     * and its stimulation commands discarded. The paced synthetic sessions start "now", i.e. here: build it after
     * the cluster is up, so only job deployment lies between the first due sample and the running job.
     */
    static JobGraph graph(ResolvedConfig config, ChunkLagProbe probe) {
        NeuroLoopJob job = NeuroLoopJob.fromConfig(config);
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(NeuroLoopJob.flinkConfiguration(config.flink()));
        job.configure(env);
        SessionStreams streams = job.build(env);
        streams.chunks().process(probe).returns(Types.VOID).name("lag probe")
                .sinkTo(new DiscardingSink<>()).name("discard probe");
        // without a sink Flink prunes the detector and policy branch; they must run to cost what they cost
        streams.commands().sinkTo(new DiscardingSink<>()).name("discard stimulation commands");
        return env.getStreamGraph().getJobGraph();
    }

    Step summarize(int sessions, double seconds, Map<String, LagSeries.Series> lags, CpuSampler cpu, double wall) {
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
        Step step = new Step(sessions, seconds, percentile(all, 0.5) * 1000, p99, all[all.length - 1] * 1000, tailMs,
                startup * 1000, allCaughtUp ? caughtUp - first : Double.NaN, cpu.total(), coresUsed, window, steady,
                expected, seen, wall, keepsUp, realtime);
        LOG.info("bench scale: {}", step);
        return step;
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /**
     * Steps tried by {@link #search}, in order.
     *
     * @param maxSustainedSessions largest N that kept up (no backlog), the throughput limit
     * @param maxRealtimeSessions largest N tried that also kept its p99 lag within the bound (0 if none)
     */
    public record Search(List<Step> steps, int maxSustainedSessions, int maxRealtimeSessions, boolean budgetExhausted) {
    }

    /**
     * Ramps N = 1, 4, 16, ... while the job keeps up, then bisects between the last N that kept up and the first
     * that did not, within {@link Settings#budgetSeconds()} of wall time. The ramp follows keeping up, not the p99
     * bound: on a shared machine the p99 is set by preemption from other processes and is not monotone in N, so it
     * is reported per step and the largest N that met it is taken from the steps tried.
     */
    public Search search() throws Exception {
        long t0 = System.nanoTime();
        List<Step> steps = new ArrayList<>();
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
            Step s = run(next);
            steps.add(s);
            lastWall = s.wallSeconds();
            boolean marginal = s.samplesSeen() >= 0 && s.tailLagMs() < 10 * settings.lagBoundMs();
            if (!s.keepsUp() && marginal && (System.nanoTime() - t0) / 1e9 + lastWall <= settings.budgetSeconds()) {
                // other processes on a shared machine can stall this one for a while: a near miss is retried once
                s = run(next);
                steps.add(s);
            }
            if (s.keepsUp()) {
                pass = next;
            } else {
                fail = next;
            }
            next = fail == Integer.MAX_VALUE ? Math.min(RAMP * pass, settings.maxSessions()) : pass + (fail - pass) / 2;
        }
        int realtime = steps.stream().filter(Step::realtime).mapToInt(Step::sessions).max().orElse(0);
        return new Search(steps, pass, realtime, exhausted);
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
    public static double[] cpuLine(List<Step> all) {
        // a cancelled step did only part of its work
        List<Step> steps = all.stream().filter(s -> s.samplesSeen() == s.samplesExpected()).toList();
        if (steps.isEmpty()) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double n = steps.size();
        double mx = steps.stream().mapToDouble(s -> s.sessions() * s.sessionSeconds()).sum() / n;
        double my = steps.stream().mapToDouble(Step::cpuSeconds).sum() / n;
        double sxx = 0;
        double sxy = 0;
        for (Step s : steps) {
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

    /** Process CPU time sampled on the LSL clock, to integrate CPU over any window of a step. */
    static final class CpuSampler {
        private final com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private final List<double[]> samples = new ArrayList<>();
        private Thread thread;
        private volatile boolean running;

        void start() {
            running = true;
            sample();
            thread = new Thread(() -> {
                while (running) {
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                    sample();
                }
            }, "bench-scale-cpu");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            if (!running) {
                return;
            }
            running = false;
            thread.interrupt();
            thread.join();
            sample();
        }

        private synchronized void sample() {
            samples.add(new double[] {System.nanoTime() / 1e9, os.getProcessCpuTime() / 1e9});
        }

        /** CPU seconds from start to stop. */
        synchronized double total() {
            return samples.get(samples.size() - 1)[1] - samples.get(0)[1];
        }

        /** CPU seconds spent between two LSL-clock times (linear between samples). */
        synchronized double between(double from, double to) {
            return at(to) - at(from);
        }

        private double at(double t) {
            double[] prev = samples.get(0);
            if (t <= prev[0]) {
                return prev[1];
            }
            for (double[] s : samples) {
                if (s[0] >= t) {
                    double f = (t - prev[0]) / Math.max(1e-9, s[0] - prev[0]);
                    return prev[1] + f * (s[1] - prev[1]);
                }
                prev = s;
            }
            return prev[1];
        }
    }
}
