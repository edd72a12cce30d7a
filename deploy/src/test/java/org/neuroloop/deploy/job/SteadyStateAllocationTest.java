package org.neuroloop.deploy.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.neuroloop.deploy.config.ConfigResolver;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.deploy.config.SessionConfigLoader;
import org.neuroloop.dsp.record.Chunk;

/**
 * The live path from source to outputs allocates nothing per chunk once warm: the deployed graph (flags, causal
 * filter, threshold detector, policy) is fed one-sample chunks of 32 channels, and a probe chained right after the
 * source counts, with {@code ThreadMXBean}, the bytes the thread allocates while the rest of the chain handles each
 * chunk (everything downstream runs synchronously inside the probe's {@code collect}). The one allocation left is
 * the stale watch's timer, re-armed once per timeout (2 s), not per chunk. Stimulation is rare, so the
 * measured chunks carry no event; a chunk that makes one allocates its command.
 */
class SteadyStateAllocationTest {
    static final int CHANNELS = 32;
    static final int WARM_UP = 20_000;
    static final int MEASURED = 5_000;

    static final String YAML = """
            name: allocation
            sessions:
              - id: s
                lsl: {name: SteadyStateAllocationTest-unused}
            pipeline:
              quality: {flatMicrovolts: 0.5, flatSeconds: 1.0, clipMicrovolts: 3200, clockJumpSeconds: 0.05, staleSeconds: 2}
              filters: [{type: highpass, low: 0.5, order: 2}]
              detector: {type: threshold, channels: ["0"], "on": 150, "off": 75}
              policy: {refractorySeconds: 0.2, control: none}
            flink: {parallelism: 1, bufferTimeoutMs: 0}
            """;

    /** Bytes allocated by the chain after the probe, summed over the measured chunks. */
    static final AtomicLong ALLOCATED = new AtomicLong();

    static final AtomicLong MEASURED_CHUNKS = new AtomicLong();

    /** Measures the allocation of everything chained after it, per chunk, after {@link #WARM_UP} chunks. */
    static final class AllocationProbe extends ProcessFunction<Chunk, Chunk> {
        private static final long serialVersionUID = 1L;
        private transient ThreadMXBean threads;
        private transient long seen;

        @Override
        public void processElement(Chunk chunk, Context ctx, Collector<Chunk> out) {
            if (threads == null) {
                threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            out.collect(chunk);
            long after = threads.getCurrentThreadAllocatedBytes();
            if (++seen > WARM_UP) {
                ALLOCATED.addAndGet(after - before);
                MEASURED_CHUNKS.incrementAndGet();
            }
        }
    }

    static List<Chunk> signal(int n) {
        List<Chunk> chunks = new ArrayList<>(n);
        double t0 = 1000;
        for (int k = 0; k < n; k++) {
            double[] x = new double[CHANNELS];
            for (int c = 0; c < CHANNELS; c++) {
                x[c] = 20 * Math.sin(0.07 * k + c) + 5 * Math.sin(0.9 * k * (c + 1));
            }
            chunks.add(new Chunk("s", k, new double[] {t0 + k / 250.0}, x, CHANNELS, 250, 0));
        }
        return chunks;
    }

    @Test
    void theLivePathAllocatesNothingPerChunk() throws Exception {
        ResolvedConfig config = new ConfigResolver("allocation.yaml", Path.of("."))
                .resolve(SessionConfigLoader.parse(YAML, "allocation.yaml"));
        List<Chunk> input = signal(WARM_UP + MEASURED);
        JobSources sources = env -> {
            DataStream<Chunk> chunks =
                    env.fromData(input, TypeInformation.of(Chunk.class)).name("chunks");
            return chunks.process(new AllocationProbe())
                    .returns(TypeInformation.of(Chunk.class))
                    .name("allocation probe");
        };
        NeuroLoopJob job = new NeuroLoopJob(
                config,
                sources,
                streams -> streams.commands().sinkTo(new DiscardingSink<>()).name("discard"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        job.configure(env);
        job.build(env);
        String plan = env.getExecutionPlan();
        env.execute("allocation");
        assertEquals(MEASURED, MEASURED_CHUNKS.get());
        double perChunk = ALLOCATED.get() / (double) MEASURED;
        System.out.printf("steady-state allocation: %.1f bytes per chunk over %d chunks%n", perChunk, MEASURED);
        assertTrue(plan.contains("threshold detector"), plan);
        // per chunk nothing; once per stale timeout (2 s) the stale watch re-arms its timer, a few hundred bytes
        assertTrue(perChunk < 1.0, perChunk + " bytes allocated per chunk by flags, filter, detector and policy");
    }
}
