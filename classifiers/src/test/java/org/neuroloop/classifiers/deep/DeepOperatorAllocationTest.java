package org.neuroloop.classifiers.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.neuroloop.classifiers.deep.simpleconv.EuclideanAlignment;
import org.neuroloop.classifiers.deep.simpleconv.SimpleConvConfig;
import org.neuroloop.classifiers.deep.simpleconv.SimpleConvModel;
import org.neuroloop.classifiers.deep.simpleconv.SimpleConvNet;
import org.neuroloop.classifiers.deep.simpleconv.flink.SimpleConvDecoderFunction;
import org.neuroloop.classifiers.deep.spindles.SpindleNetModel;
import org.neuroloop.classifiers.deep.spindles.SpindleNetTest;
import org.neuroloop.classifiers.deep.spindles.flink.SpindleNetDetectionFunction;
import org.neuroloop.classifiers.mi.Band;
import org.neuroloop.classifiers.mi.EpochWindow;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.DetectedEvent;
import org.neuroloop.dsp.record.Prediction;

/**
 * The deep operators allocate a bounded, small number of bytes per decision on the task thread once warm, and do
 * not rebuild their network per decision: each operator runs in a MiniCluster job inside a wrapper that reads the
 * task thread's allocated bytes ({@code ThreadMXBean}) around every chunk, with chunks sized so that every chunk
 * makes exactly one decision. What is left per decision is DJL's per-call bookkeeping (one native input array, the
 * intermediate arrays of the forward pass and their Java handles, all closed before the decision returns) and the
 * emitted record; rebuilding the network costs far more, which the test measures too and compares against.
 */
class DeepOperatorAllocationTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(1)
            .build());

    static final int WARM_UP = 500;
    static final int MEASURED = 3_000;

    /**
     * Bound on heap bytes per decision of the simpleconv decoder (8 channels, 4 maps, 1 block: 10 layers); measured
     * about 15.5 kB, nearly all of it DJL's Java handles of the forward pass's intermediate arrays.
     */
    static final long SIMPLECONV_BOUND = 20_000;
    /**
     * Bound on heap bytes per decision of the spindle network operator (16 maps, three stages: 16 layers); measured
     * about 21 kB (25 kB before its state moved in place and its listener became one object per task).
     */
    static final long SPINDLE_BOUND = 26_000;

    /** Chunks before the measured ones: the window filling up, then {@link #WARM_UP} decisions. */
    static final AtomicLong UNMEASURED = new AtomicLong();

    static final AtomicLong ALLOCATED = new AtomicLong();
    static final AtomicLong CHUNKS = new AtomicLong();
    static final AtomicLong OUTPUTS = new AtomicLong();

    /** Runs {@code inner} and counts the bytes the task thread allocates inside it, per chunk, after a warm-up. */
    static final class Metered<O> extends KeyedProcessFunction<String, Chunk, O> {
        private static final long serialVersionUID = 1L;
        private final KeyedProcessFunction<String, Chunk, O> inner;
        private transient ThreadMXBean threads;
        private transient Counting<O> counting;
        private transient long seen;

        Metered(KeyedProcessFunction<String, Chunk, O> inner) {
            this.inner = inner;
        }

        @Override
        public void open(OpenContext ctx) throws Exception {
            inner.setRuntimeContext(getRuntimeContext());
            inner.open(ctx);
            threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
            counting = new Counting<>();
        }

        @Override
        public void close() throws Exception {
            inner.close();
        }

        @Override
        public void processElement(Chunk chunk, Context ctx, Collector<O> out) throws Exception {
            long before = threads.getCurrentThreadAllocatedBytes();
            inner.processElement(chunk, ctx, counting);
            long after = threads.getCurrentThreadAllocatedBytes();
            if (++seen > UNMEASURED.get()) {
                ALLOCATED.addAndGet(after - before);
                CHUNKS.incrementAndGet();
            }
        }
    }

    /** Counts records and drops them, so the downstream hop's serialisation is not measured. */
    static final class Counting<O> implements Collector<O> {
        @Override
        public void collect(O record) {
            OUTPUTS.incrementAndGet();
        }

        @Override
        public void close() {}
    }

    static void reset() {
        ALLOCATED.set(0);
        CHUNKS.set(0);
        OUTPUTS.set(0);
    }

    static <O> void run(KeyedProcessFunction<String, Chunk, O> function, List<Chunk> chunks, Class<O> type)
            throws Exception {
        reset();
        UNMEASURED.set(chunks.size() - MEASURED);
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.fromData(chunks, TypeInformation.of(Chunk.class))
                .keyBy(Chunk::sessionId)
                .process(new Metered<>(function))
                .returns(TypeInformation.of(type))
                .sinkTo(new DiscardingSink<>());
        env.execute("deep operator allocation");
    }

    /** {@code count} chunks of {@code size} samples of {@code channels} channels of noise at {@code fs}. */
    static List<Chunk> noise(int channels, double fs, int size, int count, long seed) {
        Random r = new Random(seed);
        List<Chunk> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            double[] ts = new double[size];
            double[] x = new double[size * channels];
            for (int i = 0; i < size; i++) {
                ts[i] = (k * size + i) / fs;
            }
            for (int i = 0; i < x.length; i++) {
                x[i] = 10 * r.nextGaussian();
            }
            out.add(new Chunk("s", (long) k * size, ts, x, channels, fs, 0));
        }
        return out;
    }

    /** Heap bytes allocated by loading a network once (what a per-decision rebuild would cost at least). */
    static long rebuildBytes(Runnable load) {
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        load.run();
        long before = mx.getCurrentThreadAllocatedBytes();
        load.run();
        return mx.getCurrentThreadAllocatedBytes() - before;
    }

    /** An untrained tiny simpleconv (8 channels at 160 Hz, 2 s windows) with an identity subject alignment. */
    static SimpleConvModel tinySimpleConv() {
        int channels = 8;
        double fs = 160;
        int samples = 320;
        SimpleConvConfig cfg = SimpleConvConfig.DEFAULT.withSize(4, 8, 1, 80).withSchedule(0, 0);
        SimpleConvModel shell = new SimpleConvModel(
                cfg,
                List.of("c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7"),
                fs,
                samples,
                new Band(8, 30),
                new EpochWindow(0.5, 2.5),
                List.of("none"),
                new byte[0],
                null);
        int t = shell.networkSamples();
        NetworkTrainer.Data data =
                new NetworkTrainer.Data(new float[2 * channels * t], channels, t, new int[] {0, 1}, new int[] {0, 0});
        byte[] params = NetworkTrainer.train(
                () -> SimpleConvNet.build(cfg),
                new NetworkTrainer.Recipe(2, 0, false, 1),
                null,
                data,
                0,
                1e-3f,
                TrainingProgress.SILENT);
        double[] identity = new double[channels * channels];
        for (int i = 0; i < channels; i++) {
            identity[i * channels + i] = 1;
        }
        return new SimpleConvModel(
                cfg,
                shell.channels(),
                fs,
                samples,
                shell.band(),
                shell.window(),
                shell.subjects(),
                params,
                EuclideanAlignment.ofWhitener(identity));
    }

    @Test
    void simpleConvDecoderAllocatesBoundedBytesPerDecision() throws Exception {
        SimpleConvModel model = tinySimpleConv();
        // a decision every 0.1 s = 16 samples; chunks of 16 samples make one decision each once the 2 s window is full
        int windowChunks = 320 / 16;
        run(
                new SimpleConvDecoderFunction(model, 0.1),
                noise(8, 160, 16, windowChunks + WARM_UP + MEASURED, 1),
                Prediction.class);
        assertEquals(MEASURED, CHUNKS.get());
        assertEquals(WARM_UP + MEASURED + 1, OUTPUTS.get(), "one decision per chunk from the first full window on");
        double perDecision = ALLOCATED.get() / (double) MEASURED;
        long rebuild = rebuildBytes(() -> model.inference().close());
        System.out.printf(
                "simpleconv decoder: %.0f heap bytes per decision over %d decisions; loading the network: %d%n",
                perDecision, MEASURED, rebuild);
        assertTrue(perDecision < SIMPLECONV_BOUND, perDecision + " bytes per decision");
        assertTrue(perDecision < rebuild / 4.0, perDecision + " bytes per decision vs " + rebuild + " per load");
    }

    @Test
    void spindleNetAllocatesBoundedBytesPerDecision() throws Exception {
        SpindleNetModel model = SpindleNetTest.model();
        int hop = model.config().hopSamples();
        int windowChunks = model.config().windowSamples() / hop;
        // at the network rate every hop of samples is one decision once the window is full
        run(
                new SpindleNetDetectionFunction(model, 0),
                noise(1, model.config().rateHz(), hop, windowChunks + WARM_UP + MEASURED, 2),
                DetectedEvent.class);
        assertEquals(MEASURED, CHUNKS.get());
        double perDecision = ALLOCATED.get() / (double) MEASURED;
        long rebuild = rebuildBytes(() -> model.load().close());
        System.out.printf(
                "spindle net: %.0f heap bytes per decision over %d decisions (%d events); loading the network: %d%n",
                perDecision, MEASURED, OUTPUTS.get(), rebuild);
        assertTrue(perDecision < SPINDLE_BOUND, perDecision + " bytes per decision");
        assertTrue(perDecision < rebuild / 4.0, perDecision + " bytes per decision vs " + rebuild + " per load");
    }
}
