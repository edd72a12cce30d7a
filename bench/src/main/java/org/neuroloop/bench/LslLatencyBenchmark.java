package org.neuroloop.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.ingest.flink.LslSource;
import org.neuroloop.ingest.flink.LslSourceSettings;
import org.neuroloop.ingest.flink.LslStreamQuery;
import org.neuroloop.ingest.flink.LslWatermarks;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.Lsl;
import org.neuroloop.lsl4j.LslInlet;
import org.neuroloop.lsl4j.LslLostException;
import org.neuroloop.lsl4j.LslOutlet;
import org.neuroloop.lsl4j.StreamInfo;
import org.neuroloop.lsl4j.StreamResolver;
import org.neuroloop.lsl4j.time.TimestampSettings;
import org.neuroloop.lsl4j.wire.WireInlet;
import org.neuroloop.lsl4j.wire.WireOutlet;

/**
 * Latency added by LSL ingestion on one machine: a real outlet pushes one sample at a time at the nominal rate,
 * stamped with {@link Lsl#localClock()} at push; the latency of a sample is (time it is seen) − (its timestamp),
 * read on the same clock. Two paths are measured one after the other:
 * <ul>
 *   <li><b>source</b>: {@link LslSource} in a Flink job on an embedded MiniCluster (parallelism 1,
 *       {@code setBufferTimeout(0)}), seen by a process function chained right after the source;</li>
 *   <li><b>inlet</b>: a bare {@link StreamInlet} pulling in a loop: the LSL transport alone, for comparison.</li>
 * </ul>
 * Clock sync stays on (the offset on one host is ~0) and dejitter is off, so a timestamp is the push time itself.
 * The process function records into a static buffer: this works because the MiniCluster runs in this JVM.
 */
public final class LslLatencyBenchmark {
    /** Settings of one run. */
    public record Config(int channels, double rate, double seconds, double warmupSeconds, int pollMicros) {}

    /** Latency percentiles in milliseconds, and counts. */
    public record Stats(int samples, double p50, double p90, double p99, double max, double mean) {
        static Stats of(double[] latenciesSeconds, int n) {
            if (n == 0) {
                return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            double[] v = Arrays.copyOf(latenciesSeconds, n);
            Arrays.sort(v);
            double sum = 0;
            for (double x : v) {
                sum += x;
            }
            return new Stats(n, ms(pct(v, 0.50)), ms(pct(v, 0.90)), ms(pct(v, 0.99)), ms(v[n - 1]), ms(sum / n));
        }

        private static double pct(double[] sorted, double q) {
            return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
        }

        private static double ms(double s) {
            return Math.round(s * 1e6) / 1e3;
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("samples", samples);
            m.put("p50_ms", p50);
            m.put("p90_ms", p90);
            m.put("p99_ms", p99);
            m.put("max_ms", max);
            m.put("mean_ms", mean);
            return m;
        }
    }

    /**
     * Result of comparing {@code System.nanoTime()} with {@code lsl_local_clock()}.
     *
     * @param pairs readings taken
     * @param tightPairs readings whose nanoTime bracket was under 20 µs (the others were preempted mid-reading)
     * @param medianDiffMicros median of local_clock − bracket midpoint over the tight readings
     * @param maxAbsDiffMicros largest |local_clock − bracket midpoint| over the tight readings
     * @param sameClock every reading of local_clock lay inside its nanoTime bracket (± 1 µs)
     */
    public record ClockCheck(
            int pairs, int tightPairs, double medianDiffMicros, double maxAbsDiffMicros, boolean sameClock) {}

    // Filled by the process function inside the (embedded) job; read by the benchmark thread.
    static final double[] SEEN = new double[1 << 20];
    static final AtomicInteger SEEN_COUNT = new AtomicInteger();
    static final AtomicInteger CHUNKS = new AtomicInteger();
    static volatile double measureFrom = Double.MAX_VALUE;

    private final Config config;

    public LslLatencyBenchmark(Config config) {
        this.config = config;
    }

    /**
     * Checks that liblsl's clock is {@code System.nanoTime()}: reads nanoTime, local_clock, nanoTime; the LSL reading
     * must lie between the two (± 1 µs) every time, and its distance to their midpoint is reported.
     */
    public static ClockCheck checkClock(int pairs) {
        double[] diff = new double[pairs];
        int tight = 0;
        boolean same = true;
        double maxAbs = 0;
        for (int i = 0; i < pairs; i++) {
            long a = System.nanoTime();
            double lsl = Lsl.localClock();
            long b = System.nanoTime();
            if (lsl < a / 1e9 - 1e-6 || lsl > b / 1e9 + 1e-6) {
                same = false;
            }
            if (b - a < 20_000) {
                double d = (lsl - (a + b) / 2e9) * 1e6;
                diff[tight++] = d;
                maxAbs = Math.max(maxAbs, Math.abs(d));
            }
        }
        Arrays.sort(diff, 0, tight);
        return new ClockCheck(pairs, tight, tight == 0 ? Double.NaN : diff[tight / 2], maxAbs, same);
    }

    /** Measures the Flink source path. */
    public Stats measureSource() throws Exception {
        String name = "nl-bench-" + UUID.randomUUID().toString().substring(0, 8);
        LslSourceSettings settings = sourceSettings(name, config.pollMicros());
        SEEN_COUNT.set(0);
        CHUNKS.set(0);
        measureFrom = Double.MAX_VALUE;
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.setBufferTimeout(0);
        env.fromSource(LslSource.chunks(settings), LslWatermarks.followNewestSample(), "lsl")
                .process(new RecordLatency())
                .sinkTo(new DiscardingSink<>());
        try (StreamInfo info =
                        StreamInfo.create(name, "EEG", config.channels(), config.rate(), ChannelFormat.FLOAT32, name);
                LslOutlet outlet = new WireOutlet(info, 360)) {
            JobClient job = env.executeAsync("bench-lsl-source");
            try {
                if (!outlet.waitForConsumers(120)) {
                    throw new IllegalStateException(
                            "the Flink LSL source did not connect to " + name + " within 120 s");
                }
                pushPaced(outlet);
            } finally {
                job.cancel().get();
            }
        }
        return Stats.of(SEEN, Math.min(SEEN_COUNT.get(), SEEN.length));
    }

    /** Chunks the source emitted in the last {@link #measureSource()} run (including warm-up). */
    public static int chunksEmitted() {
        return CHUNKS.get();
    }

    /** Samples pushed per run (warm-up included). */
    public long samplesPushed() {
        return (long) ((config.warmupSeconds() + config.seconds()) * config.rate());
    }

    /** Settings the source runs with: clock sync on, dejitter off (timestamps stay the push times). */
    public static LslSourceSettings sourceSettings(String name, int pollMicros) {
        return LslSourceSettings.of(LslStreamQuery.name(name))
                .withTimestamps(TimestampSettings.defaults().withDejitter(false))
                .withPollIntervalMicros(pollMicros);
    }

    /** Measures a bare inlet on the same kind of stream (LSL transport only). */
    public Stats measureInlet() throws Exception {
        String name = "nl-bench-inlet-" + UUID.randomUUID().toString().substring(0, 8);
        double[] seen = new double[SEEN.length];
        int[] count = {0};
        try (StreamInfo info =
                        StreamInfo.create(name, "EEG", config.channels(), config.rate(), ChannelFormat.FLOAT32, name);
                LslOutlet outlet = new WireOutlet(info, 360)) {
            var found = StreamResolver.resolveByProperty("source_id", name, 1, 10.0);
            if (found.isEmpty()) {
                throw new IllegalStateException("cannot resolve the benchmark's own outlet " + name);
            }
            try (LslInlet in = new WireInlet(found.get(0), 30)) {
                StreamResolver.closeAll(found);
                in.open(10.0);
                in.timeCorrection(5.0);
                if (!outlet.waitForConsumers(30)) {
                    throw new IllegalStateException("inlet did not connect");
                }
                double[] buf = new double[64 * config.channels()];
                double[] ts = new double[64];
                Thread puller = new Thread(
                        () -> {
                            while (!Thread.currentThread().isInterrupted()) {
                                boolean poll = config.pollMicros() > 0;
                                int n;
                                try {
                                    n = in.pullChunk(buf, ts, poll ? 0.0 : 0.02);
                                } catch (LslLostException e) {
                                    return; // the outlet closed at the end
                                }
                                if (n == 0 && poll) {
                                    LockSupport.parkNanos(config.pollMicros() * 1000L);
                                    continue;
                                }
                                double now = System.nanoTime() / 1e9;
                                for (int i = 0; i < n; i++) {
                                    if (ts[i] >= measureFrom && count[0] < seen.length) {
                                        seen[count[0]++] = now - ts[i];
                                    }
                                }
                            }
                        },
                        "bench-inlet");
                puller.start();
                try {
                    pushPaced(outlet);
                    Thread.sleep(200);
                } finally {
                    puller.interrupt();
                    puller.join(5000);
                }
            }
        }
        return Stats.of(seen, count[0]);
    }

    /** Pushes one sample every 1/rate seconds for warmup + duration, each stamped with local_clock at push. */
    private void pushPaced(LslOutlet outlet) {
        int ch = config.channels();
        float[] sample = new float[ch];
        double[] ts = new double[1];
        long period = (long) (1e9 / config.rate());
        long start = System.nanoTime();
        long total = (long) ((config.warmupSeconds() + config.seconds()) * config.rate());
        measureFrom = start / 1e9 + config.warmupSeconds();
        for (long k = 0; k < total; k++) {
            long due = start + k * period;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            for (int c = 0; c < ch; c++) {
                sample[c] = (float) Math.sin(0.01 * k + c);
            }
            ts[0] = Lsl.localClock();
            outlet.pushChunk(sample, 1, ts, true);
        }
        // let the last samples arrive before the job is cancelled
        LockSupport.parkNanos(300_000_000L);
    }

    /** Records (now − newest sample timestamp) for every chunk, chained right after the source. */
    static final class RecordLatency extends ProcessFunction<Chunk, Chunk> {
        @Override
        public void processElement(Chunk c, Context ctx, Collector<Chunk> out) {
            double now = System.nanoTime() / 1e9;
            double[] ts = c.timestamps();
            for (double t : ts) { // every sample of the chunk: older ones in a multi-sample chunk waited longer
                if (t >= measureFrom) {
                    int i = SEEN_COUNT.getAndIncrement();
                    if (i < SEEN.length) {
                        SEEN[i] = now - t;
                    }
                }
            }
            CHUNKS.incrementAndGet();
            out.collect(c);
        }
    }
}
